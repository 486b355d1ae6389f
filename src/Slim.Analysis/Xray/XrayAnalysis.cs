using Slim.Images.Archives;
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
    private readonly XrayOptions _options;
    private readonly LayerStackTree _tree = new();
    private readonly LayerStackPaths _rules = new();
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
        _rules.AddLayer(entries, e => new LayerEntry { Path = e.Path, Kind = e.Kind, LinkTarget = e.LinkTarget }, $"layer {_layers.Count} ({info.Digest})");
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
                Discard(LayerStackTree.Subtree(gone).ToList(), layer, overwrite: false);
                LayerStackTree.Detach(gone);
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
        var view = new MeasuredView(_tree.Root);
        var duplicates = DuplicateGroups.Of(_versions);
        var top = _options.Top;
        var inefficient = _paths.Where(p => p.Value.Count >= 2).ToList();

        return new XrayReport
        {
            Image = image,
            ImageId = imageId,
            ImageSize = imageSize,
            FileCount = view.FileCount,
            Efficiency = cumulative == 0 ? 1.0 : (double)minimum / cumulative,
            WastedBytes = wasted,
            UserWastedPercent = userSize == 0 ? 0 : wasted * 100.0 / userSize,
            UserSizeBytes = userSize,
            UserWastedFraction = userSize == 0 ? 0 : (double)wasted / userSize,
            Layers = _layers.Select(l => l.ToLayer()).ToList(),
            InefficientPaths = inefficient
                .OrderByDescending(p => p.Value.Cumulative).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(top)
                .Select(p => new XrayInefficientPath(ImagePath.FromKey(p.Key).Absolute, p.Value.Count, p.Value.Cumulative))
                .ToList(),
            InefficientPathCount = inefficient.Count,
            BiggestFiles = view.BiggestFiles(top),
            BiggestDirectories = view.BiggestDirectories(top),
            Duplicates = duplicates.Take(top).ToList(),
            DuplicateGroupCount = duplicates.Count,
            DuplicateWastedBytes = duplicates.Sum(d => d.WastedBytes),
            Suggestions = XraySuggestionRules.Make(_caches.Values, _removals, view.Nodes, duplicates),
            History = history,
            Tree = view.Tree(_options.TreeDepth, Math.Max(1, (long)(imageSize * _options.TreeMinFraction))),
        };
    }

    /// <summary>The efficiency key of an entry: its path; for an opaque marker the marker's own path.</summary>
    private static string LeafKey(XrayEntry entry) =>
        entry.Kind != LayerEntryKind.OpaqueDirectory ? entry.Path
        : entry.Path.Length == 0 ? LayerReader.OpaqueMarker
        : entry.Path + "/" + LayerReader.OpaqueMarker;

    /// <summary>What a whiteout hides in the view below: a directory's whole content, 0 for anything else.</summary>
    private long HiddenSize(string path) =>
        _tree.Find(path) is { IsDirectory: true } node ? LayerStackTree.SubtreeSize(node) : 0;

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
    private void Discard(IEnumerable<LayerStackTree.Node> nodes, LayerState layer, bool overwrite)
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
    private static List<LayerStackTree.Node> Below(LayerStackTree.Node directory) =>
        directory.Children is null ? [] : directory.Children.Values.SelectMany(LayerStackTree.Subtree).ToList();
}
