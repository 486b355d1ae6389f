using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;
using Slim.Images.Streams;

namespace Slim.Images.Archives;

/// <summary>
/// A tar archive on disk, indexed once (headers only, data skipped by seeking) so that any file in it can be
/// read later without unpacking. Unsafe names, duplicates and entries that run past the end of the file are refused.
/// </summary>
internal sealed class TarFileTree : IFileTree
{
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, (long Offset, long Length)> _files;
    private readonly Dictionary<string, string> _links;

    private TarFileTree(string path, SafeFileHandle handle, Dictionary<string, (long, long)> files, Dictionary<string, string> links)
    {
        Description = path;
        _handle = handle;
        _files = files;
        _links = links;
    }

    public string Description { get; }

    public static TarFileTree Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ImageException(ImageErrorReason.InvalidReference, path, $"{path} is a directory, not an archive; name a tar file, or read a directory with oci:{path}");
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, path, $"{path} does not exist", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, path, $"{path} cannot be read: {e.Message}", e);
        }

        try
        {
            var links = new Dictionary<string, string>(StringComparer.Ordinal);
            return new TarFileTree(path, handle, Index(path, links), links);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static Dictionary<string, (long, long)> Index(string path, Dictionary<string, string> links)
    {
        var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fileLength = new FileInfo(path).Length;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new TarReader(stream, leaveOpen: true);
        try
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                var name = ArchivePath.Normalize(entry.Name, path);
                if (!seen.Add(name) && entry.EntryType != TarEntryType.Directory)
                {
                    throw new ImageException(ImageErrorReason.DuplicateEntry, name, $"{path}: entry '{name}' appears more than once");
                }

                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
                {
                    if (entry.Length < 0 || entry.DataOffset < 0 || entry.DataOffset + entry.Length > fileLength)
                    {
                        throw new ImageException(ImageErrorReason.Truncated, name,
                            $"{path}: entry '{name}' claims {entry.Length} bytes, past the end of the archive (truncated or corrupt)");
                    }

                    files[name] = (entry.DataOffset, entry.Length);
                }
                else if (entry.EntryType == TarEntryType.SymbolicLink)
                {
                    // `docker save` links a layer.tar it already wrote; resolved inside the archive only
                    links[name] = ArchivePath.Parent(name) is { Length: > 0 } parent ? parent + "/" + entry.LinkName : entry.LinkName;
                }
                else if (entry.EntryType == TarEntryType.HardLink)
                {
                    links[name] = entry.LinkName;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, path, $"{path} is not a readable tar archive: {e.Message}", e);
        }

        return files;
    }

    /// <summary>The regular file a name stands for, following links inside the archive (never out of it, at most 8 hops).</summary>
    private bool TryResolve(string path, out (long Offset, long Length) file)
    {
        file = default;
        if (!ArchivePath.TryNormalize(path, out var name))
        {
            return false;
        }

        for (var hops = 0; hops < 8; hops++)
        {
            if (_files.TryGetValue(name, out file))
            {
                return true;
            }

            if (!_links.TryGetValue(name, out var target) || !ArchivePath.TryResolveWithin(target, out name))
            {
                return false;
            }
        }

        return false;
    }

    public bool TryGetSize(string path, out long size)
    {
        size = 0;
        if (!TryResolve(path, out var file))
        {
            return false;
        }

        size = file.Length;
        return true;
    }

    public Stream Open(string path)
    {
        if (!TryResolve(path, out var file))
        {
            throw new ImageException(ImageErrorReason.BlobMissing, path, $"{Description} has no file '{path}'");
        }

        return new FileRangeStream(_handle, file.Offset, file.Length);
    }

    public void Dispose() => _handle.Dispose();
}
