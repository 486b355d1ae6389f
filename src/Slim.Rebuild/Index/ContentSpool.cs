using Microsoft.Win32.SafeHandles;
using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Images.Sources;
using Slim.Images.Streams;

namespace Slim.Rebuild.Index;

/// <summary>
/// The bytes of the files the slim image keeps, copied out of the source layers into a private
/// temporary directory. Layers can only be read front to back, while the new layer must be written
/// in path order: the spool bridges the two, and costs only the slim image's size on disk.
/// Deleted with everything in it on dispose. Contents that already sit in a file on disk (the image's export, landed
/// while it was indexed) are recorded by position instead of copied.
/// </summary>
public sealed class ContentSpool : IDisposable
{
    private readonly string _directory;
    private readonly Dictionary<(int Layer, string Path), Spooled> _files = [];
    private readonly Dictionary<string, SafeFileHandle> _handles = new(StringComparer.Ordinal);
    private int _written;

    public ContentSpool(string? parent = null)
    {
        _directory = Path.Combine(parent ?? Path.GetTempPath(), "slim-spool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public bool Contains(IndexedFile file) => _files.ContainsKey((file.ContentLayer, file.ContentPath));

    /// <summary>The spooled copy of a file's content, opened for reading.</summary>
    public Stream Open(IndexedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var spooled = _files[(file.ContentLayer, file.ContentPath)];
        if (spooled.Length is not { } length)
        {
            return new FileStream(spooled.File, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        }

        if (!_handles.TryGetValue(spooled.File, out var handle))
        {
            handle = File.OpenHandle(spooled.File, FileMode.Open, FileAccess.Read, FileShare.Read);
            _handles[spooled.File] = handle;
        }

        return new FileRangeStream(handle, spooled.Offset, length);
    }

    /// <summary>Records that a layer entry's bytes are <paramref name="length"/> bytes at <paramref name="offset"/> in <paramref name="file"/> (read only once it is complete).</summary>
    public void AddReference(int layer, string path, string file, long offset, long length) =>
        _files.TryAdd((layer, path), new Spooled(file, offset, length));

    /// <summary>
    /// Copies the content of every file in <paramref name="wanted"/> not spooled yet, reading each layer
    /// that holds one once, front to back. Returns the files copied by this call.
    /// </summary>
    public async Task<IReadOnlyList<IndexedFile>> FillAsync(
        IImageSource source, SourceImage image, IEnumerable<IndexedFile> wanted, CancellationToken cancellationToken)
    {
        var byLayer = wanted
            .Where(f => f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink && !Contains(f))
            .GroupBy(f => f.ContentLayer)
            .ToDictionary(g => g.Key, g => g.GroupBy(f => f.ContentPath, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.First(), StringComparer.Ordinal));
        var copied = new List<IndexedFile>();
        foreach (var (layer, files) in byLayer.OrderBy(l => l.Key))
        {
            var subject = $"{source.Description}: layer {layer} ({image.Layers[layer].Digest})";
            await using var tar = await source.OpenLayerTarAsync(image, layer, cancellationToken).ConfigureAwait(false);
            await foreach (var item in LayerReader.ReadAsync(tar, subject, cancellationToken).ConfigureAwait(false))
            {
                if (item.Entry.Kind != LayerEntryKind.File || !files.TryGetValue(item.Entry.Path, out var file))
                {
                    continue;
                }

                await AddAsync(layer, item.Entry.Path, item.Content, cancellationToken).ConfigureAwait(false);
                copied.Add(file);
            }

            // Read to the end so the blob's digest and diff_id are checked here too.
            var rest = new byte[81920];
            while (await tar.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        return copied;
    }

    /// <summary>Keeps the content of one layer entry (a regular file), read from the layer as it streams by.</summary>
    public async Task AddAsync(int layer, string path, Stream? content, CancellationToken cancellationToken)
    {
        if (_files.ContainsKey((layer, path)))
        {
            return;
        }

        var target = Path.Combine(_directory, (_written++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            if (content is not null)
            {
                await content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
        }

        _files[(layer, path)] = new Spooled(target, 0, null);
    }

    /// <summary>
    /// Moves what was spooled under a provisional layer number to the layer's real position(s), once known (a layer read
    /// from a stream that names the order only at its end). Numbers not in <paramref name="positions"/> are dropped.
    /// </summary>
    public void Renumber(IReadOnlyDictionary<int, IReadOnlyList<int>> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var renumbered = _files
            .SelectMany(f => positions.GetValueOrDefault(f.Key.Layer, []).Select(layer => (Key: (layer, f.Key.Path), File: f.Value)))
            .ToList();
        _files.Clear();
        foreach (var (key, file) in renumbered)
        {
            _files[key] = file;
        }
    }

    public void Dispose()
    {
        foreach (var handle in _handles.Values)
        {
            handle.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>A spooled copy (whole file, no length) or a window on a file that holds the bytes already.</summary>
    private sealed record Spooled(string File, long Offset, long? Length);
}
