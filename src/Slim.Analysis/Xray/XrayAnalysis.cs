using Slim.Images.Layers;

namespace Slim.Analysis.Xray;

/// <summary>
/// Builds an <see cref="XrayReport"/> one layer at a time, bottom layer first, from entry metadata (and content digests):
/// memory grows with the number of paths, never with file contents.
/// </summary>
/// <remarks>
/// Efficiency follows dive's definition. Each layer is a tree of its entries; its leaves (files, links, whiteouts and
/// directories with nothing below them in that layer) are sized: an entry its own size, a whiteout of a file 0, a
/// whiteout of a directory the size of everything under it in the view of the layers below. Per path, the cumulative
/// size is the sum over layers and the minimum the smallest; efficiency = sum of minimums / sum of cumulative sizes (1.0
/// when that is 0); wasted bytes = sum of the cumulative sizes of paths seen in two or more layers. dive has no rule for
/// opaque directories (<c>DIR/.wh..wh..opq</c>); here the marker is a leaf of its own, sized like a whiteout of DIR.
/// </remarks>
public sealed class XrayAnalysis
{
    private const int ExamplePaths = 5;

    private readonly XrayOptions _options;
    private readonly ImageTree _tree = new();
    private readonly Dictionary<string, PathStat> _paths = new(StringComparer.Ordinal);
    private readonly List<LayerState> _layers = [];
    private readonly List<FileVersion> _versions = [];
    private readonly Dictionary<(int Deleter, bool Overwrite), RemovalSummary> _removals = [];
    private readonly Dictionary<string, CacheSummary> _caches = new(StringComparer.Ordinal);

    public XrayAnalysis(XrayOptions? options = null)
    {
        _options = options ?? XrayOptions.Default;
    }

    public int LayerCount => _layers.Count;

    /// <summary>Applies the next layer above those already added. Entries are in tar order; a later entry for the same path wins.</summary>
    public void AddLayer(XrayLayerInfo info, IReadOnlyList<XrayEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(entries);
        var layer = new LayerState(_layers.Count, info);
        _layers.Add(layer);

        var byKey = new Dictionary<string, XrayEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            layer.Entries++;
            if (!entry.IsWhiteout)
            {
                layer.Size += entry.Size;
            }

            byKey[LeafKey(entry)] = entry;
        }

        // a key is a leaf of this layer's tree unless another key of the layer lies below it
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in byKey.Keys)
        {
            for (var slash = key.LastIndexOf('/'); slash > 0; slash = key.LastIndexOf('/', slash - 1))
            {
                if (!ancestors.Add(key[..slash]))
                {
                    break;
                }
            }
        }

        // sizes are taken against the view of the layers below, before this layer changes it
        foreach (var (key, entry) in byKey)
        {
            if (ancestors.Contains(key))
            {
                continue;
            }

            var size = entry.IsWhiteout ? HiddenSize(entry.Path) : entry.Size;
            if (!_paths.TryGetValue(key, out var stat))
            {
                stat = new PathStat();
                _paths.Add(key, stat);
            }

            stat.Add(size);
        }

        // whiteouts act on the layers below only: apply them before this layer's own entries land
        foreach (var entry in byKey.Values)
        {
            if (entry.Kind == LayerEntryKind.Whiteout && _tree.Find(entry.Path) is { } gone && gone != _tree.Root)
            {
                Discard(ImageTree.Subtree(gone).ToList(), layer, overwrite: false);
                ImageTree.Detach(gone);
            }
            else if (entry.Kind == LayerEntryKind.OpaqueDirectory && _tree.Find(entry.Path) is { IsDirectory: true } hidden)
            {
                Discard(Below(hidden), layer, overwrite: false);
                hidden.Children = null;
            }
        }

        foreach (var entry in byKey.Values)
        {
            if (!entry.IsWhiteout)
            {
                Write(entry, layer);
            }
        }
    }

    /// <summary>The report for the layers added so far.</summary>
    public XrayReport Build(string image, string imageId, IReadOnlyList<XrayHistoryStep> history)
    {
        long minimum = 0;
        long cumulative = 0;
        long wasted = 0;
        foreach (var stat in _paths.Values)
        {
            minimum += stat.Minimum;
            cumulative += stat.Cumulative;
            if (stat.Count >= 2)
            {
                wasted += stat.Cumulative;
            }
        }

        var imageSize = _layers.Sum(l => l.Size);
        var userSize = _layers.Skip(1).Sum(l => l.Size);
        var sizes = new Dictionary<ImageTree.Node, (long Size, int Files)>(ReferenceEqualityComparer.Instance);
        var (_, fileCount) = Measure(_tree.Root, sizes);
        var duplicates = DuplicateGroups();
        var top = _options.Top;

        return new XrayReport
        {
            Image = image,
            ImageId = imageId,
            ImageSize = imageSize,
            FileCount = fileCount,
            Efficiency = cumulative == 0 ? 1.0 : (double)minimum / cumulative,
            WastedBytes = wasted,
            UserWastedPercent = userSize == 0 ? 0 : wasted * 100.0 / userSize,
            Layers = _layers.Select(l => l.ToLayer()).ToList(),
            InefficientPaths = _paths.Where(p => p.Value.Count >= 2)
                .OrderByDescending(p => p.Value.Cumulative).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(top)
                .Select(p => new XrayInefficientPath("/" + p.Key, p.Value.Count, p.Value.Cumulative))
                .ToList(),
            BiggestFiles = sizes.Keys.Where(n => !n.IsDirectory)
                .OrderByDescending(n => n.Size).ThenBy(n => n.Path, StringComparer.Ordinal)
                .Take(top)
                .Select(n => new XrayFile("/" + n.Path, n.Size, n.Layer))
                .ToList(),
            BiggestDirectories = sizes.Where(s => s.Key.IsDirectory && s.Key != _tree.Root)
                .OrderByDescending(s => s.Value.Size).ThenBy(s => s.Key.Path, StringComparer.Ordinal)
                .Take(top)
                .Select(s => new XrayDirectory("/" + s.Key.Path, s.Value.Size, s.Value.Files))
                .ToList(),
            Duplicates = duplicates.Take(top).ToList(),
            DuplicateGroupCount = duplicates.Count,
            DuplicateWastedBytes = duplicates.Sum(d => d.WastedBytes),
            Suggestions = Suggestions(duplicates, sizes.Keys),
            History = history,
            Tree = TreeNode(_tree.Root, "/", sizes, 0, Math.Max(1, (long)(imageSize * _options.TreeMinFraction))),
        };
    }

    /// <summary>The efficiency key of an entry: its path; for an opaque marker the marker's own path.</summary>
    private static string LeafKey(XrayEntry entry) =>
        entry.Kind != LayerEntryKind.OpaqueDirectory ? entry.Path
        : entry.Path.Length == 0 ? LayerReader.OpaqueMarker
        : entry.Path + "/" + LayerReader.OpaqueMarker;

    /// <summary>What a whiteout hides in the view below: a directory's whole content, 0 for anything else.</summary>
    private long HiddenSize(string path) =>
        _tree.Find(path) is { IsDirectory: true } node ? ImageTree.SubtreeSize(node) : 0;

    private void Write(XrayEntry entry, LayerState layer)
    {
        var existing = _tree.Find(entry.Path);
        var isDirectory = entry.Kind == LayerEntryKind.Directory;
        if (existing is null)
        {
            existing = _tree.GetOrCreate(entry.Path, layer.Index);
            if (!isDirectory)
            {
                layer.Added++;
            }
        }
        else if (isDirectory)
        {
            if (!existing.IsDirectory)
            {
                // a file or link replaced by a directory
                Discard([existing], layer, overwrite: true);
                layer.Modified++;
            }
        }
        else
        {
            if (existing.IsDirectory)
            {
                // a directory replaced by a non-directory takes everything below it away
                Discard(Below(existing), layer, overwrite: false);
                existing.Children = null;
            }
            else
            {
                Discard([existing], layer, overwrite: true);
            }

            layer.Modified++;
        }

        if (isDirectory)
        {
            existing.Kind = LayerEntryKind.Directory;
            existing.Size = 0;
            existing.Digest = null;
            existing.Layer = layer.Index;
            return;
        }

        existing.Kind = entry.Kind;
        existing.Size = entry.Size;
        existing.Digest = entry.Digest;
        existing.Layer = layer.Index;
        if (entry.Kind != LayerEntryKind.File)
        {
            return;
        }

        if (entry.Digest is { } digest && entry.Size > 0)
        {
            _versions.Add(new FileVersion(digest, entry.Size, layer.Index, entry.Path));
        }

        if (entry.Size > 0 && XrayRules.Match(XrayRules.PackageCaches, entry.Path) is { } match)
        {
            var (pattern, prefix) = match;
            if (!_caches.TryGetValue(prefix, out var cache))
            {
                cache = new CacheSummary(prefix, pattern.Label);
                _caches.Add(prefix, cache);
            }

            cache.Add(layer.Index, entry.Size, entry.Path);
        }
    }

    /// <summary>
    /// Takes file versions of lower layers out of the view on behalf of <paramref name="layer"/>: charges their bytes to
    /// the layers that wrote them (those layers' wasted bytes) and to this layer's removal summary. Directories are free.
    /// </summary>
    private void Discard(IEnumerable<ImageTree.Node> nodes, LayerState layer, bool overwrite)
    {
        foreach (var node in nodes)
        {
            if (node.IsDirectory || node.Layer < 0)
            {
                continue;
            }

            if (!overwrite)
            {
                layer.Deleted++;
            }

            _layers[node.Layer].Wasted += node.Size;
            if (!_removals.TryGetValue((layer.Index, overwrite), out var summary))
            {
                summary = new RemovalSummary();
                _removals.Add((layer.Index, overwrite), summary);
            }

            summary.Add(node.Layer, node.Size, node.Path);
        }
    }

    /// <summary>Everything below a directory (not the directory itself), materialised so the tree can change afterwards.</summary>
    private static List<ImageTree.Node> Below(ImageTree.Node directory) =>
        directory.Children is null ? [] : directory.Children.Values.SelectMany(ImageTree.Subtree).ToList();

    private static (long Size, int Files) Measure(ImageTree.Node node, Dictionary<ImageTree.Node, (long Size, int Files)> sizes)
    {
        long size = node.Size;
        var files = node.IsDirectory ? 0 : 1;
        if (node.Children is not null)
        {
            foreach (var child in node.Children.Values)
            {
                var (childSize, childFiles) = Measure(child, sizes);
                size += childSize;
                files += childFiles;
            }
        }

        sizes[node] = (size, files);
        return (size, files);
    }

    private XrayTreeNode TreeNode(ImageTree.Node node, string name, Dictionary<ImageTree.Node, (long Size, int Files)> sizes, int depth, long minimum)
    {
        var size = sizes[node].Size;
        var children = new List<XrayTreeNode>();
        if (depth < _options.TreeDepth && node.Children is not null)
        {
            long rest = 0;
            foreach (var child in node.Children.Values.OrderByDescending(c => sizes[c].Size).ThenBy(c => c.Name, StringComparer.Ordinal))
            {
                var childSize = sizes[child].Size;
                if (child.IsDirectory && childSize >= minimum)
                {
                    children.Add(TreeNode(child, child.Name, sizes, depth + 1, minimum));
                }
                else
                {
                    rest += childSize;
                }
            }

            if (rest > 0 && children.Count > 0)
            {
                children.Add(new XrayTreeNode("(files)", null, rest, []));
            }
        }

        return new XrayTreeNode(name, "/" + node.Path, size, children);
    }

    private List<XrayDuplicateGroup> DuplicateGroups() =>
        _versions.GroupBy(v => v.Digest)
            .Where(g => g.Skip(1).Any())
            .Select(g =>
            {
                var copies = g.OrderBy(v => v.Layer).ThenBy(v => v.Path, StringComparer.Ordinal).ToList();
                var size = copies[0].Size;
                return new XrayDuplicateGroup(g.Key.ToString(), size, copies.Select(c => new XrayFileCopy(c.Layer, "/" + c.Path)).ToList(), size * (copies.Count - 1));
            })
            .OrderByDescending(g => g.WastedBytes).ThenBy(g => g.Digest, StringComparer.Ordinal)
            .ToList();

    private List<XraySuggestion> Suggestions(List<XrayDuplicateGroup> duplicates, IEnumerable<ImageTree.Node> finalView)
    {
        var suggestions = new List<XraySuggestion>();
        foreach (var cache in _caches.Values)
        {
            var layers = cache.Layers.Keys.Order().ToList();
            suggestions.Add(new XraySuggestion(
                XraySuggestionKind.PackageCache,
                cache.Bytes,
                $"{Capitalize(cache.Label)} in /{cache.Prefix}: {ByteSize.Format(cache.Bytes)} written by layer{Plural(layers)} {string.Join(", ", layers)}; {CacheAdvice(cache.Prefix)}",
                layers,
                cache.Examples.Paths()));
        }

        foreach (var ((deleter, overwrite), summary) in _removals.OrderBy(r => r.Key.Deleter))
        {
            if (summary.Bytes == 0)
            {
                continue;
            }

            var origins = summary.Origins.Order().ToList();
            var verb = overwrite ? "overwrites" : "deletes";
            suggestions.Add(new XraySuggestion(
                overwrite ? XraySuggestionKind.OverwrittenLater : XraySuggestionKind.DeletedLater,
                summary.Bytes,
                $"Layer {deleter} {verb} {summary.Files} file{(summary.Files == 1 ? "" : "s")} ({ByteSize.Format(summary.Bytes)}) written by layer{Plural(origins)} {string.Join(", ", origins)}; "
                + (overwrite
                    ? "the old versions still ship in the lower layers: write the final version once"
                    : "they still ship in the lower layers: remove them in the same step that creates them"),
                origins,
                summary.Examples.Paths()));
        }

        var toolchains = new Dictionary<string, (long Bytes, SortedSet<string> Prefixes)>(StringComparer.Ordinal);
        foreach (var node in finalView)
        {
            if (node.IsDirectory || node.Size == 0 || XrayRules.Match(XrayRules.Toolchains, node.Path) is not { } match)
            {
                continue;
            }

            var (pattern, prefix) = match;
            var (bytes, prefixes) = toolchains.TryGetValue(pattern.Label, out var found) ? found : (0, new SortedSet<string>(StringComparer.Ordinal));
            prefixes.Add("/" + prefix);
            toolchains[pattern.Label] = (bytes + node.Size, prefixes);
        }

        foreach (var (label, (bytes, prefixes)) in toolchains)
        {
            suggestions.Add(new XraySuggestion(
                XraySuggestionKind.BuildToolchain,
                bytes,
                $"{label} ({ByteSize.Format(bytes)}) is in the final image; build in a separate stage and copy only the results into the runtime image",
                [],
                prefixes.Take(ExamplePaths).ToList()));
        }

        var duplicateBytes = duplicates.Sum(d => d.WastedBytes);
        if (duplicateBytes > 0)
        {
            var extra = duplicates.Sum(d => d.Copies.Count - 1);
            suggestions.Add(new XraySuggestion(
                XraySuggestionKind.DuplicateFiles,
                duplicateBytes,
                $"{extra} extra cop{(extra == 1 ? "y" : "ies")} of {duplicates.Count} file{(duplicates.Count == 1 ? "" : "s")} ({ByteSize.Format(duplicateBytes)}); copy each file once, or link it",
                duplicates.SelectMany(d => d.Copies.Select(c => c.Layer)).Distinct().Order().ToList(),
                duplicates.Take(ExamplePaths).Select(d => string.Join(" = ", d.Copies.Select(c => c.Path))).ToList()));
        }

        return suggestions.OrderByDescending(s => s.Bytes).ThenBy(s => s.Kind).ThenBy(s => s.Message, StringComparer.Ordinal).ToList();
    }

    private static string CacheAdvice(string prefix) => prefix switch
    {
        "var/lib/apt/lists" => "add `&& rm -rf /var/lib/apt/lists/*` to the RUN step that runs apt-get",
        "var/cache/apt" => "add `&& apt-get clean` to the RUN step that runs apt-get",
        "var/cache/apk" => "use `apk add --no-cache`",
        _ when prefix.EndsWith(".cache/pip", StringComparison.Ordinal) => "use `pip install --no-cache-dir`",
        _ when prefix.EndsWith(".npm", StringComparison.Ordinal) => "run `npm cache clean --force` in the same step as the install",
        _ => "remove it in the same step that fills it (or use a build-time cache mount)",
    };

    private static string Plural(List<int> items) => items.Count == 1 ? "" : "s";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed class PathStat
    {
        public long Cumulative { get; private set; }

        public long Minimum { get; private set; }

        public int Count { get; private set; }

        public void Add(long size)
        {
            Minimum = Count == 0 ? size : Math.Min(Minimum, size);
            Cumulative += size;
            Count++;
        }
    }

    private sealed class LayerState(int index, XrayLayerInfo info)
    {
        public int Index { get; } = index;

        public long Size { get; set; }

        public int Entries { get; set; }

        public int Added { get; set; }

        public int Modified { get; set; }

        public int Deleted { get; set; }

        public long Wasted { get; set; }

        public XrayLayer ToLayer() => new()
        {
            Index = Index,
            Digest = info.Digest,
            DiffId = info.DiffId,
            CreatedBy = info.CreatedBy,
            Size = Size,
            Entries = Entries,
            FilesAdded = Added,
            FilesModified = Modified,
            FilesDeleted = Deleted,
            WastedBytes = Wasted,
        };
    }

    private readonly record struct FileVersion(ContentDigest Digest, long Size, int Layer, string Path);

    /// <summary>The biggest few paths of a set, for messages.</summary>
    private sealed class Examples
    {
        private readonly List<(long Size, string Path)> _top = [];

        public void Offer(long size, string path)
        {
            if (_top.Count == ExamplePaths && size <= _top[^1].Size)
            {
                return;
            }

            _top.Add((size, path));
            _top.Sort((a, b) => b.Size != a.Size ? b.Size.CompareTo(a.Size) : string.CompareOrdinal(a.Path, b.Path));
            if (_top.Count > ExamplePaths)
            {
                _top.RemoveAt(_top.Count - 1);
            }
        }

        public List<string> Paths() => _top.Select(t => "/" + t.Path).ToList();
    }

    private sealed class RemovalSummary
    {
        public long Bytes { get; private set; }

        public int Files { get; private set; }

        public SortedSet<int> Origins { get; } = [];

        public Examples Examples { get; } = new();

        public void Add(int origin, long size, string path)
        {
            Bytes += size;
            Files++;
            Origins.Add(origin);
            Examples.Offer(size, path);
        }
    }

    private sealed class CacheSummary(string prefix, string label)
    {
        public string Prefix { get; } = prefix;

        public string Label { get; } = label;

        public long Bytes { get; private set; }

        public Dictionary<int, long> Layers { get; } = [];

        public Examples Examples { get; } = new();

        public void Add(int layer, long size, string path)
        {
            Bytes += size;
            Layers[layer] = Layers.GetValueOrDefault(layer) + size;
            Examples.Offer(size, path);
        }
    }
}
