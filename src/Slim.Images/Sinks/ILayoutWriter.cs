using Slim.Images.Model;
namespace Slim.Images.Sinks;

/// <summary>Files of an image layout going into a tar stream or a directory.</summary>
internal interface ILayoutWriter : IAsyncDisposable
{
    /// <summary>Writes a file of exactly <paramref name="size"/> bytes.</summary>
    Task WriteFileAsync(string path, Stream content, long size, CancellationToken cancellationToken);

    /// <summary>True when files may be written side by side (a directory), not one after the other (a tar stream).</summary>
    bool TakesFilesConcurrently { get; }

    /// <summary>True when <see cref="WriteBlobAsync"/> works (a seekable archive, or a directory).</summary>
    bool CanWriteUnnamedBlobs { get; }

    /// <summary>
    /// Writes a blob whose digest is learned while writing it, as <c>blobs/sha256/&lt;digest&gt;</c>. When that blob is
    /// already there the copy is dropped. Returns the digest.
    /// </summary>
    Task<Digest> WriteBlobAsync(Stream content, long size, Func<Digest, bool> alreadyWritten, CancellationToken cancellationToken);

    /// <summary>Ends the layout and makes it appear at its destination.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
