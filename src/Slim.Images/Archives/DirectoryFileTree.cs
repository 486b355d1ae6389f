namespace Slim.Images.Archives;

/// <summary>A directory (an OCI layout); paths stay inside it and symbolic links are never followed.</summary>
internal sealed class DirectoryFileTree(string root) : IFileTree
{
    private readonly string _root = Path.GetFullPath(root);

    public string Description => root;

    public bool TryGetSize(string path, out long size)
    {
        size = 0;
        var file = Resolve(path);
        if (file is null || !file.Exists || file.LinkTarget is not null)
        {
            return false;
        }

        size = file.Length;
        return true;
    }

    public Stream Open(string path)
    {
        var file = Resolve(path);
        if (file is null || !file.Exists || file.LinkTarget is not null)
        {
            throw new ImageException(ImageErrorReason.BlobMissing, path, $"{Description} has no file '{path}'");
        }

        return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    private FileInfo? Resolve(string path)
    {
        if (!ArchivePath.TryNormalize(path, out var name) || name.Length == 0)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(_root, name));
        if (!full.StartsWith(_root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        // no link anywhere on the way: a layout whose blobs point elsewhere is not read through
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(full)!); dir.FullName.Length > _root.Length; dir = dir.Parent!)
        {
            if (dir.LinkTarget is not null)
            {
                return null;
            }
        }

        return new FileInfo(full);
    }

    public void Dispose()
    {
    }
}
