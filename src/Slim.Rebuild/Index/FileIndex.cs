using Slim.Images;
using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Images.Sources;

namespace Slim.Rebuild.Index;

/// <summary>
/// The final view of an image's layers, as the container sees it: whiteouts (<c>.wh.NAME</c>) delete from lower layers,
/// opaque markers (<c>.wh..wh..opq</c>) hide a directory's lower content, a non-directory replaces a directory and all below it,
/// hardlinks resolve to the layer and path holding their bytes, symlinks stay links. Built from metadata only.
/// </summary>
public sealed class FileIndex
{
    private readonly Dictionary<string, IndexedFile> _files = new(StringComparer.Ordinal);
    private readonly LayerStackPaths _rules = new();
    private int _layers;

    /// <summary>The number of layers applied so far.</summary>
    public int LayerCount => _layers;

    public int Count => _files.Count;

    public IndexedFile? this[ImagePath path] => _files.GetValueOrDefault(path.Key);

    /// <summary>The entry at an index key (<c>usr/bin/env</c>) or an absolute path (<c>/usr/bin/env</c>); null for neither.</summary>
    public IndexedFile? this[string path] =>
        (path.StartsWith('/') ? ImagePath.TryFromAbsolute(path, out var found) : ImagePath.TryFromKey(path, out found)) ? this[found] : null;

    public bool Contains(string path) => this[path] is not null;

    /// <summary>Every path, sorted ordinally (the order a layer writer wants).</summary>
    public IEnumerable<IndexedFile> Files => _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal);

    /// <summary>Reads every layer of <paramref name="image"/> (contents skipped, digests and diff_ids checked) into an index.</summary>
    public static async Task<FileIndex> BuildAsync(IImageSource source, SourceImage image, CancellationToken cancellationToken)
    {
        var index = new FileIndex();
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var subject = $"{source.Description}: layer {i} ({image.Layers[i].Digest})";
            await using var tar = await source.OpenLayerTarAsync(image, i, cancellationToken).ConfigureAwait(false);
            await index.AddLayerAsync(LayerReader.ReadEntriesAsync(tar, subject, cancellationToken), subject, cancellationToken).ConfigureAwait(false);

            // the tar's end-of-archive blocks may leave bytes unread: read on so digest and diff_id are checked
            var rest = new byte[81920];
            while (await tar.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        return index;
    }

    /// <summary>Applies the next layer (above those already added).</summary>
    public async Task AddLayerAsync(IAsyncEnumerable<LayerEntry> entries, string subject, CancellationToken cancellationToken)
    {
        var own = new List<LayerEntry>();
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            own.Add(entry);
        }

        AddLayer(own, subject);
    }

    /// <summary>Applies the next layer (above those already added) from its entries, read earlier.</summary>
    public void AddLayer(IReadOnlyList<LayerEntry> own, string subject)
    {
        ArgumentNullException.ThrowIfNull(own);
        _rules.AddLayer(own, e => e, subject);
        var layer = _layers++;
        // whiteouts act on lower layers only: apply them before this layer's own entries land
        foreach (var entry in own)
        {
            if (entry.Kind == LayerEntryKind.Whiteout)
            {
                RemoveTree(entry.Path, includeSelf: true);
            }
            else if (entry.Kind == LayerEntryKind.OpaqueDirectory)
            {
                RemoveTree(entry.Path, includeSelf: false);
            }
        }

        // a path twice in one layer is its last entry (Docker's rule, every reader's)
        foreach (var entry in own)
        {
            if (entry.IsWhiteout)
            {
                continue;
            }

            if (_files.TryGetValue(entry.Path, out var existing) && existing.Kind == LayerEntryKind.Directory && entry.Kind != LayerEntryKind.Directory)
            {
                RemoveTree(entry.Path, includeSelf: false);
            }

            _files[entry.Path] = entry.Kind == LayerEntryKind.Hardlink ? Link(entry, layer, subject) : new IndexedFile
            {
                Entry = entry,
                Layer = layer,
                ContentLayer = layer,
                ContentPath = entry.Path,
                Size = entry.Size,
            };
        }
    }

    private IndexedFile Link(LayerEntry entry, int layer, string subject)
    {
        // any non-directory can be hardlinked (tar records a second name for a symlink, a device or a fifo too)
        if (!_files.TryGetValue(entry.LinkTarget!, out var target) || target.Kind == LayerEntryKind.Directory)
        {
            throw new ImageException(ImageErrorReason.UnsafePath, entry.Path,
                $"{subject}: hardlink '{entry.Path}' points to '{entry.LinkTarget}', which is not a file in the image");
        }

        return new IndexedFile
        {
            Entry = entry,
            Layer = layer,
            ContentLayer = target.ContentLayer,
            ContentPath = target.ContentPath,
            Size = target.Size,
        };
    }

    private void RemoveTree(string path, bool includeSelf)
    {
        if (includeSelf)
        {
            _files.Remove(path);
        }

        var prefix = path.Length == 0 ? "" : path + "/";
        foreach (var key in _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length).ToList())
        {
            _files.Remove(key);
        }
    }
}
