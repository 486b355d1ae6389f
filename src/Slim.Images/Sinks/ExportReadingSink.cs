using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Sinks;

/// <summary>
/// The receiving end of a one-pass read of an export (<see cref="DockerSaveStreamCopy"/>) that writes nothing: each layer is
/// handed to <see cref="ReadLayerAsync"/> as it passes (and hashed on the way), small documents (config, manifests) are
/// kept, the commit is recorded. What the read made of each layer is keyed by the layer's digest, since only the manifest,
/// last, says the layers' order.
/// </summary>
public abstract class ExportReadingSink<TLayer>(string description) : IImageSink, IUnnamedBlobSink
{
    private readonly Dictionary<Digest, ImageException> _unreadable = [];

    public Dictionary<Digest, TLayer> Layers { get; } = [];

    public Dictionary<Digest, byte[]> Documents { get; } = [];

    public ImageCommit? Commit { get; private set; }

    public string Description => description;

    public bool RequiresUncompressedLayers => true;

    public bool CanWriteUnnamedBlobs => true;

    /// <summary>
    /// Reads one layer tar. <paramref name="passing"/> describes a blob read straight off the export (null for one handed
    /// over from memory); the rest of the blob is drained afterwards, so the digest covers every byte.
    /// </summary>
    protected abstract Task<TLayer> ReadLayerAsync(Stream tar, PassingBlob? passing, CancellationToken cancellationToken);

    public async Task<Descriptor> WriteUnnamedBlobAsync(MediaType mediaType, Stream content, long size, CancellationToken cancellationToken)
    {
        await using var hashing = new HashingReadStream(content);
        TLayer? layer = default;
        ImageException? failure = null;
        try
        {
            layer = await ReadLayerAsync(hashing, new PassingBlob(content, () => hashing.BytesRead), cancellationToken).ConfigureAwait(false);
        }
        catch (ImageException e) when (e.Detail == ImageErrorReason.InvalidFormat)
        {
            // Not every big blob is a layer (an OCI export may carry an SBOM or provenance document): only the manifest,
            // read last, says. Kept, and raised if the manifest does name it as a layer.
            failure = e;
        }

        await hashing.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        var digest = hashing.GetDigest();
        if (failure is null)
        {
            Layers.TryAdd(digest, layer!);
        }
        else
        {
            _unreadable.TryAdd(digest, failure);
        }

        return new Descriptor { MediaType = mediaType, Digest = digest, Size = hashing.BytesRead };
    }

    /// <summary>What the read made of the layer the manifest names <paramref name="digest"/>.</summary>
    public TLayer Layer(Digest digest) =>
        Layers.TryGetValue(digest, out var layer) ? layer
        : _unreadable.TryGetValue(digest, out var failure) ? throw failure
        : throw new ImageException(ImageErrorReason.BlobMissing, digest.ToString(), $"{description}: layer {digest} was not in the export");

    public async Task WriteBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.MediaType.IsLayer)
        {
            // A small layer the copy held in memory until the manifest named it.
            if (!Layers.ContainsKey(blob.Digest))
            {
                Layers[blob.Digest] = await ReadLayerAsync(content, null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        Documents[blob.Digest] = buffer.ToArray();
    }

    public Task CommitAsync(ImageCommit image, CancellationToken cancellationToken)
    {
        Commit = image;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A layer blob being read straight off the export: the stream as the copy handed it over, and how much of it was read.</summary>
public sealed record PassingBlob(Stream Original, Func<long> BytesRead);
