using Slim.Images.Model;

namespace Slim.Images.Sinks;

/// <summary>
/// Where an image is written (an archive, an OCI layout, the engine). Blobs first, then the manifest on commit.
/// Nothing is visible at the destination before <see cref="CommitAsync"/>; disposing an uncommitted sink removes every trace.
/// </summary>
public interface IImageSink : IAsyncDisposable
{
    /// <summary>What to call the sink in messages.</summary>
    string Description { get; }

    /// <summary>True when layers must be plain tar (the `docker save` format and the engine's load).</summary>
    bool RequiresUncompressedLayers { get; }

    /// <summary>True when several blobs may be written at once (each call still gets its own stream); false: one after another.</summary>
    bool TakesBlobsConcurrently => false;

    /// <summary>Writes a blob (config or layer); <paramref name="content"/> is read to its end and checked against the descriptor.</summary>
    Task WriteBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken);

    /// <summary>Writes the manifest and the indexes that name it, and makes the output appear.</summary>
    Task CommitAsync(ImageCommit image, CancellationToken cancellationToken);
}
