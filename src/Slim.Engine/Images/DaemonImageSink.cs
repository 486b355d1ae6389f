using System.IO.Pipelines;
using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Transports;

namespace Slim.Engine.Images;

/// <summary>
/// Loads an image into the engine (POST /images/load) by streaming a `docker save`-format archive into the request as it is
/// written. The engine only tags the image once the whole archive has arrived; an abandoned sink cuts the stream short,
/// so the engine rejects it and nothing is tagged.
/// </summary>
public sealed class DaemonImageSink : IImageSink
{
    private readonly IContainerEngine _engine;
    // Large segments: with the default 4 KiB ones, a layer crawls into the engine several times slower than the disk allows.
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 16 << 20, resumeWriterThreshold: 8 << 20, minimumSegmentSize: 1 << 20, useSynchronizationContext: false));
    private readonly IImageSink _archive;
    private readonly Stream _output;
    private Task? _load;
    private bool _committed;

    public DaemonImageSink(IContainerEngine engine, DaemonImageLocation location)
    {
        _engine = engine;
        Description = location.ToString();
        if (location.Reference is null)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, Description, $"{Description}: an image written to the engine needs a name (repo:tag), not an ID");
        }

        _output = _pipe.Writer.AsStream();
        _archive = ImageSinks.DockerArchiveToStream(_output, Description, location.Reference, FinishAsync, AbandonAsync);
    }

    public string Description { get; }

    public bool RequiresUncompressedLayers => true;

    public Task WriteBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken)
    {
        StartLoad(cancellationToken);
        return _archive.WriteBlobAsync(blob, content, cancellationToken);
    }

    public Task CommitAsync(ImageCommit image, CancellationToken cancellationToken)
    {
        StartLoad(cancellationToken);
        return _archive.CommitAsync(image, cancellationToken);
    }

    private void StartLoad(CancellationToken cancellationToken) =>
        _load ??= Task.Run(
            async () =>
            {
                await using var input = _pipe.Reader.AsStream();
                try
                {
                    await _engine.LoadImageAsync(input, Description, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
                }
            },
            cancellationToken);

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        if (_load is not null)
        {
            await _load.ConfigureAwait(false);
        }

        _committed = true;
    }

    private async ValueTask AbandonAsync()
    {
        if (_committed)
        {
            return;
        }

        await _pipe.Writer.CompleteAsync(new OperationCanceledException("image write abandoned")).ConfigureAwait(false);
        if (_load is not null)
        {
            try
            {
                await _load.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // the engine refusing a cut-short archive is the point
            }
        }
    }

    public ValueTask DisposeAsync() => _archive.DisposeAsync();
}
