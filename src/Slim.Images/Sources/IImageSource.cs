using Slim.Images.Model;

namespace Slim.Images.Sources;

/// <summary>
/// Where an image is read from (an engine, a `docker save` archive, an OCI layout). Narrow on purpose:
/// the image's documents, then its blobs as streams that check their own digest and size as they are read.
/// </summary>
public interface IImageSource : IAsyncDisposable
{
    /// <summary>What to call the source in messages (<c>docker-archive:/tmp/a.tar</c>).</summary>
    string Description { get; }

    /// <summary>The manifest and config of the selected image (platform already chosen).</summary>
    Task<SourceImage> GetImageAsync(CancellationToken cancellationToken);

    /// <summary>True when several blobs may be open and read at once (a registry, files); false for one stream read in order.</summary>
    bool ServesBlobsConcurrently => false;

    /// <summary>
    /// A blob of this image (a layer, as stored: maybe compressed). The stream throws an <see cref="ImageException"/>
    /// when it ends with the wrong size or digest, so a caller that reads to the end has verified it.
    /// </summary>
    Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken);
}
