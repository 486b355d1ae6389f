using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Sources;

/// <summary>Shared work of the sources backed by files (archives and layouts): verified blob reads by path.</summary>
internal abstract class FileTreeImageSource(IFileTree tree, string description) : IImageSource
{
    private SourceImage? _image;

    protected IFileTree Tree => tree;

    public string Description => description;

    /// <summary>Both trees open a blob as its own stream (a file, or a range of an archive read by position).</summary>
    public bool ServesBlobsConcurrently => true;

    public async Task<SourceImage> GetImageAsync(CancellationToken cancellationToken) =>
        _image ??= await ReadImageAsync(cancellationToken).ConfigureAwait(false);

    protected abstract Task<SourceImage> ReadImageAsync(CancellationToken cancellationToken);

    /// <summary>Where a blob lives in the tree; OCI's content-addressed path unless a subclass knows better.</summary>
    protected virtual string BlobPath(Descriptor blob) => $"blobs/{blob.Digest.Algorithm}/{blob.Digest.Encoded}";

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken)
    {
        var path = BlobPath(blob);
        if (!tree.TryGetSize(path, out var size))
        {
            throw new ImageException(ImageErrorReason.BlobMissing, blob.Digest.ToString(),
                $"{description} has no blob {blob.Digest} (expected at '{path}')");
        }

        if (size != blob.Size)
        {
            throw new ImageException(ImageErrorReason.Truncated, blob.Digest.ToString(),
                $"{description}: blob {blob.Digest} is {size} bytes, its descriptor says {blob.Size}");
        }

        return Task.FromResult<Stream>(new VerifyingReadStream(tree.Open(path), blob.Digest, blob.Size, $"{description}: blob {blob.Digest}"));
    }

    /// <summary>Reads and verifies a small JSON blob.</summary>
    protected async Task<byte[]> ReadSmallBlobAsync(Descriptor blob, CancellationToken cancellationToken)
    {
        if (blob.Size > 32 << 20)
        {
            throw new ImageException(ImageErrorReason.TooLarge, blob.Digest.ToString(), $"{description}: blob {blob.Digest} claims {blob.Size} bytes, too large for a JSON document");
        }

        await using var stream = await OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);
        return await ImageSourceExtensions.ReadSmallAsync(stream, blob.Size, $"{description}: blob {blob.Digest}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a small file that is not content addressed (index.json, manifest.json).</summary>
    protected async Task<byte[]> ReadSmallFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!tree.TryGetSize(path, out var size))
        {
            throw new ImageException(ImageErrorReason.BlobMissing, path, $"{description} has no '{path}' (is it the right kind of archive?)");
        }

        await using var stream = tree.Open(path);
        return await ImageSourceExtensions.ReadSmallAsync(stream, size, $"{description}: {path}", cancellationToken).ConfigureAwait(false);
    }

    public virtual ValueTask DisposeAsync()
    {
        tree.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
