using System.IO.Pipelines;
using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;

namespace Slim.Engine.Images;

/// <summary>
/// An image in the engine, read through its export stream (GET /images/{name}/get). The stream is a `docker save` archive
/// whose manifest comes last, so it is spooled to a temporary file once and then read like any docker-archive (random access
/// for the file index and the layer writer). The temporary file goes when the source is disposed.
/// </summary>
public sealed class DaemonImageSource(IContainerEngine engine, DaemonImageLocation location, Platform? platform) : IExportingImageSource
{
    private IImageSource? _archive;
    private string? _spool;

    public string Description => location.ToString();

    public async Task<SourceImage> GetImageAsync(CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).GetImageAsync(cancellationToken).ConfigureAwait(false);

    public async Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Copies the image into a sink straight from the export stream (one pass, no temporary file) when the sink can take
    /// blobs before their digest is known; null when it cannot (then copy through <see cref="IImageSource"/>).
    /// </summary>
    public async Task<ImageCopyResult?> TryStreamCopyAsync(IImageSink sink, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (sink is not IUnnamedBlobSink { CanWriteUnnamedBlobs: true } blobs || _archive is not null)
        {
            return null;
        }

        // Compressed layers make this null: the caller then copies through the landed archive into the same sink, which
        // skips the blobs already written (complete ones).
        return await ReadExportAsync((export, token) => DockerSaveStreamCopy.CopyAsync(export, blobs, sink, Description, progress, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The image's documents read straight from the export stream, without spooling it (for `slim inspect`). Layer digests
    /// are still computed and checked; use <see cref="GetImageAsync"/> when layers will be read afterwards.
    /// </summary>
    public async Task<SourceImage> ReadImageWithoutSpoolingAsync(CancellationToken cancellationToken) =>
        _archive is not null
            ? await _archive.GetImageAsync(cancellationToken).ConfigureAwait(false)
            : await ReadExportAsync((export, token) => DockerSaveStreamCopy.ReadImageAsync(export, Description, token), cancellationToken).ConfigureAwait(false)
                ?? await GetImageAsync(cancellationToken).ConfigureAwait(false); // compressed layers: land the export, which unpacks them

    /// <summary>
    /// Hands the export stream to <paramref name="read"/> for one pass, with nothing landed on disk. <paramref name="read"/>
    /// returns null when the export holds compressed layers (the containerd image store), which a one-pass read cannot
    /// check; so does this, and then the caller reads through <see cref="IImageSource"/>, which lands the export and unpacks them.
    /// </summary>
    public async Task<T?> ReadExportAsync<T>(Func<Stream, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var name = await CheckAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var export = await engine.ExportImageAsync(name, cancellationToken).ConfigureAwait(false);
            return await read(export, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineClient.Map(e, name, "export image") is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>
    /// Reads the export once while it arrives: <paramref name="read"/> parses the bytes as they come (e.g. into a file index)
    /// while the same bytes land in the temporary file (named to it: complete once it returns), which then serves every later
    /// read of this source.
    /// </summary>
    public async Task<(SourceImage Image, T Result)> ReadWhileExportingAsync<T>(Func<Stream, string, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_archive is not null || _spool is not null)
        {
            throw new InvalidOperationException("the export was already read");
        }

        var name = await CheckAsync(cancellationToken).ConfigureAwait(false);
        _spool = Path.Combine(Path.GetTempPath(), $"slim-export-{Guid.NewGuid():N}.tar");
        T result;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using (var export = await engine.ExportImageAsync(name, cancellationToken).ConfigureAwait(false))
        await using (var file = new FileStream(_spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            // A pump reads the export in large chunks into the file and a deep pipe; the parser reads the pipe. Without it the
            // tar reader's small reads reach the engine's socket one by one and the two sides wait on each other.
            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 << 20, resumeWriterThreshold: 32 << 20, minimumSegmentSize: 1 << 20, useSynchronizationContext: false));
            var pump = PumpAsync(export, file, pipe.Writer, stop.Token);
            try
            {
                await using var bytes = pipe.Reader.AsStream();
                result = await read(bytes, _spool, cancellationToken).ConfigureAwait(false);
                // A tar reader stops at the end-of-archive blocks; the padding after them belongs in the file too.
                await bytes.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                await pump.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The parser only sees a cut-short stream; when the pump lost the engine, that is the story to tell.
                await stop.CancelAsync().ConfigureAwait(false);
                await pump.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                var cause = pump.IsFaulted ? pump.Exception.GetBaseException() : e;
                if (EngineClient.Map(cause, name, "export image") is { } mapped)
                {
                    throw mapped;
                }

                throw;
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await pump.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        _archive = ImageSources.OpenDockerArchive(_spool, null, platform, Description);
        return (await _archive.GetImageAsync(cancellationToken).ConfigureAwait(false), result);
    }

    private static async Task PumpAsync(Stream export, FileStream file, PipeWriter pipe, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await export.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if ((await pipe.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false)).IsCompleted)
                {
                    break;
                }
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        var name = location.EngineName;
        var inspect = await engine.InspectImageAsync(name, cancellationToken).ConfigureAwait(false);
        if (platform is not null && (inspect.Os != platform.Os || inspect.Architecture != platform.Architecture))
        {
            throw new ImageException(ImageErrorReason.PlatformNotFound, name,
                $"{Description} is {inspect.Os}/{inspect.Architecture}, not {platform}");
        }

        return name;
    }

    private async Task<IImageSource> OpenAsync(CancellationToken cancellationToken)
    {
        if (_archive is not null)
        {
            return _archive;
        }

        if (_spool is not null)
        {
            throw new InvalidOperationException("the export was read already, and failed");
        }

        var name = await CheckAsync(cancellationToken).ConfigureAwait(false);

        _spool = Path.Combine(Path.GetTempPath(), $"slim-export-{Guid.NewGuid():N}.tar");
        await using (var export = await engine.ExportImageAsync(name, cancellationToken).ConfigureAwait(false))
        await using (var file = new FileStream(_spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            try
            {
                await export.CopyToAsync(file, 1 << 20, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (EngineClient.Map(e, name, "export image") is { } mapped)
            {
                throw mapped;
            }
        }

        _archive = ImageSources.OpenDockerArchive(_spool, null, platform, Description);
        return _archive;
    }

    public async ValueTask DisposeAsync()
    {
        if (_archive is not null)
        {
            await _archive.DisposeAsync().ConfigureAwait(false);
        }

        if (_spool is not null)
        {
            File.Delete(_spool);
        }
    }
}
