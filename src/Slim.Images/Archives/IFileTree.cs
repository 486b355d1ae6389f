namespace Slim.Images.Archives;

/// <summary>The files of an image container format (a tar archive or a directory), by canonical relative path.</summary>
internal interface IFileTree : IDisposable
{
    /// <summary>What the tree is, for messages ("/tmp/x.tar").</summary>
    string Description { get; }

    /// <summary>The size of a regular file, or false when there is no regular file at that path.</summary>
    bool TryGetSize(string path, out long size);

    /// <summary>Opens a regular file for reading; BlobMissing when it is not there.</summary>
    Stream Open(string path);
}
