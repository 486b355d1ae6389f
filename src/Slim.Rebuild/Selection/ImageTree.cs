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

    private ILookup<ImagePath, IndexedFile>? _children;

    public FileIndex Index => index;

    /// <summary>The direct children of a directory (<see cref="ImagePath.Root"/> for the root's).</summary>
    public IEnumerable<IndexedFile> ChildrenOf(ImagePath directory)
    {
        _children ??= index.Files.ToLookup(f => f.ImagePath.Parent);
        return _children[directory];
    }

    /// <summary>Everything below a directory, depth first.</summary>
    public IEnumerable<IndexedFile> Below(ImagePath directory)
    {
        foreach (var child in ChildrenOf(directory))
        {
            yield return child;
            if (child.Kind == LayerEntryKind.Directory)
            {
                foreach (var grandchild in Below(child.ImagePath))
                {
                    yield return grandchild;
                }
            }
        }
    }

    /// <summary>The entry at a path, without following a final symlink.</summary>
    public IndexedFile? Entry(ImagePath path) => index[path];

    /// <summary>The entry at an absolute path, without following a final symlink; null for a path that is not absolute.</summary>
    public IndexedFile? Entry(string absolutePath) => ImagePath.TryFromAbsolute(absolutePath, out var path) ? index[path] : null;

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

            linksSeen?.Add(ImagePath.FromKey(key).Absolute);
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

        return ImagePath.FromKey(string.Join('/', current)).Absolute;
    }

    /// <summary>
    /// The index key of a path given in either form (callers holding trace paths and index keys alike): <see cref="ImagePath"/>'s
    /// rules for an absolute path, so "." and ".." fold lexically and never leave the root.
    /// </summary>
    public static string ToKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ImagePath.TryFromAbsolute(path.StartsWith('/') ? path : "/" + path, out var folded) ? folded.Key : "";
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
