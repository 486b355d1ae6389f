using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Index;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Path lookups in an image's final filesystem (a <see cref="FileIndex"/>), with symlinks followed
/// inside the image the way the kernel would inside the container, never on this machine.
/// Absolute paths in, absolute paths out; the index itself keys paths without the leading slash.
/// </summary>
public sealed class ImageTree(FileIndex index) : IImageFiles
{
    private const int MaxSymlinkHops = 40; // the kernel's own limit (ELOOP)

    private ILookup<string, IndexedFile>? _children;

    public FileIndex Index => index;

    /// <summary>The direct children of a directory, by index key ("" is the root).</summary>
    public IEnumerable<IndexedFile> ChildrenOf(string key)
    {
        _children ??= index.Files.ToLookup(f => ArchivePath.Parent(f.Path), StringComparer.Ordinal);
        return _children[key];
    }

    /// <summary>Everything below a directory, depth first, by index key.</summary>
    public IEnumerable<IndexedFile> Below(string key)
    {
        foreach (var child in ChildrenOf(key))
        {
            yield return child;
            if (child.Kind == LayerEntryKind.Directory)
            {
                foreach (var grandchild in Below(child.Path))
                {
                    yield return grandchild;
                }
            }
        }
    }

    /// <summary>The entry at an absolute path, without following a final symlink.</summary>
    public IndexedFile? Entry(string absolutePath) => index[ToKey(absolutePath)];

    public string? Resolve(string absolutePath) => Resolve(absolutePath, followFinal: true, null);

    /// <summary>The path with its symlinks resolved; when it does not exist, its longest existing leading part resolved.</summary>
    public string ResolveAsFarAsPossible(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        if (Resolve(absolutePath) is { } whole)
        {
            return whole;
        }

        for (var slash = absolutePath.LastIndexOf('/'); slash > 0; slash = absolutePath.LastIndexOf('/', slash - 1))
        {
            if (Resolve(absolutePath[..slash]) is { } found)
            {
                return found.TrimEnd('/') + absolutePath[slash..];
            }
        }

        return absolutePath;
    }

    /// <summary>
    /// Walks <paramref name="absolutePath"/> component by component, following symlinks inside the image.
    /// Every symlink met is added to <paramref name="linksSeen"/> (absolute paths). Null when some
    /// component does not exist or the links loop.
    /// </summary>
    public string? Resolve(string absolutePath, bool followFinal, ICollection<string>? linksSeen)
    {
        var pending = new List<string>(Split(absolutePath));
        pending.Reverse(); // a stack: the next component is last
        var current = new List<string>();
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (current.Count > 0)
                {
                    current.RemoveAt(current.Count - 1);
                }

                continue;
            }

            current.Add(part);
            var key = string.Join('/', current);
            var entry = index[key];
            if (entry is null)
            {
                return null;
            }

            var isLast = pending.Count == 0;
            if (entry.Kind != LayerEntryKind.Symlink || (isLast && !followFinal))
            {
                continue;
            }

            if (++hops > MaxSymlinkHops)
            {
                return null;
            }

            linksSeen?.Add("/" + key);
            current.RemoveAt(current.Count - 1);
            var target = entry.Entry.LinkTarget ?? "";
            if (target.StartsWith('/'))
            {
                current.Clear();
            }

            var targetParts = Split(target);
            for (var i = targetParts.Length - 1; i >= 0; i--)
            {
                pending.Add(targetParts[i]);
            }
        }

        return "/" + string.Join('/', current);
    }

    /// <summary>The index key (no leading slash) of an absolute path, "." and ".." folded lexically.</summary>
    public static string ToKey(string absolutePath)
    {
        var parts = new List<string>();
        foreach (var part in Split(absolutePath))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
