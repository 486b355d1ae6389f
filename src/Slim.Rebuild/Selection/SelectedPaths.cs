using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// The set of absolute, resolved paths kept so far, each with the first reason found, and the one way in: a path comes
/// with every symlink on the way to it and its parent directories. The rules of <see cref="FileSelector"/> decide what
/// to add; this type only keeps the set closed under links and parents, and finishes it with the exclusions.
/// </summary>
internal sealed class SelectedPaths(ImageTree tree)
{
    private readonly Dictionary<string, SelectionReason> _selected = new(StringComparer.Ordinal);

    public int Count => _selected.Count;

    public IReadOnlyDictionary<string, SelectionReason> Reasons => _selected;

    public ImageTree Tree => tree;

    /// <summary>
    /// Keeps a path, every symlink on the way to it and, unless <paramref name="followFinal"/> is false,
    /// what a final symlink leads to. Returns the resolved path, or null when it is not in the image.
    /// </summary>
    public string? Add(string path, SelectionReason reason, bool followFinal = true)
    {
        if (!path.StartsWith('/') || IsSensor(path))
        {
            return null;
        }

        var links = new List<string>();
        var resolved = tree.Resolve(path, followFinal, links);
        if (resolved is not null && IsSensor(resolved))
        {
            return null;
        }
        foreach (var link in links)
        {
            Keep(link, SelectionReason.Symlink);
        }

        if (resolved is null || resolved == "/")
        {
            return resolved;
        }

        Keep(resolved, reason);
        return resolved;
    }

    // The sensor's folder is never the image's, whatever rule or link leads there (an include rule, a listed /).
    private static bool IsSensor(string path) =>
        path == TracerMount.Directory || RuntimePaths.IsBelow(path, TracerMount.Directory);

    /// <summary>Keeps a path and, when it resolves to a directory, everything below it.</summary>
    /// <param name="skipped">Resolved directories below <paramref name="path"/> left out, with everything below them.</param>
    public void AddTree(string path, SelectionReason reason, IReadOnlyList<string>? skipped = null)
    {
        var resolved = Add(path, reason);
        if (resolved is null || tree.Entry(resolved)?.Kind != LayerEntryKind.Directory)
        {
            return;
        }

        var skippedPaths = (skipped ?? []).Select(ImagePath.FromAbsolute).ToList();
        foreach (var file in tree.Below(ImagePath.FromAbsolute(resolved)).ToList())
        {
            var below = file.ImagePath;
            if (skippedPaths.Any(s => below == s || below.IsBelow(s)))
            {
                continue;
            }

            Add(below.Absolute, reason, followFinal: file.Kind == LayerEntryKind.Symlink);
        }
    }

    /// <summary>Keeps the nearest existing directory above a path that is not in the image.</summary>
    public void AddNearestDirectory(string absolutePath)
    {
        foreach (var ancestor in ImagePath.FromAbsolute(absolutePath).Ancestors())
        {
            if (tree.Resolve(ancestor.Absolute) is { } found && tree.Entry(found)?.Kind == LayerEntryKind.Directory)
            {
                Add(ancestor.Absolute, SelectionReason.Parent);
                return;
            }
        }
    }

    /// <summary>The first of <paramref name="searchPath"/>'s directories holding <paramref name="name"/>, as an absolute path.</summary>
    public string? FindInSearchPath(IEnumerable<string> searchPath, string name) =>
        searchPath.Select(dir => dir.TrimEnd('/') + "/" + name).FirstOrDefault(p => tree.Resolve(p) is not null);

    /// <summary>Applies the exclude patterns, reports what listed directories lost, and returns the final selection.</summary>
    public FileSelection Complete(SelectionRules rules, IEnumerable<string> listed)
    {
        var cut = CutDirectories.Of(tree, listed, _selected);
        var excluded = new List<string>();
        var exclusion = new ExclusionRules(tree, rules);
        foreach (var path in _selected.Keys.Where(exclusion.Excludes).ToList())
        {
            _selected.Remove(path);
            excluded.Add(path);
        }

        // An excluded directory must not leave orphans whose parent is gone.
        foreach (var path in _selected.Keys.ToList())
        {
            if (ImagePath.FromAbsolute(path).Ancestors().Any(a => !_selected.ContainsKey(a.Absolute)))
            {
                _selected.Remove(path);
                excluded.Add(path);
            }
        }

        excluded.Sort(StringComparer.Ordinal);
        return new FileSelection(new Dictionary<string, SelectionReason>(_selected, StringComparer.Ordinal), cut, excluded);
    }

    private void Keep(string absolutePath, SelectionReason reason)
    {
        if (!_selected.TryAdd(absolutePath, reason))
        {
            return;
        }

        foreach (var ancestor in ImagePath.FromAbsolute(absolutePath).Ancestors())
        {
            _selected.TryAdd(ancestor.Absolute, SelectionReason.Parent);
        }
    }
}
