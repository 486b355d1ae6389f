using Slim.Rebuild.Index;
using Slim.Rebuild.Layers;
using Slim.Rebuild.Sources;

namespace Slim.Rebuild.Selection;

/// <summary>
/// The bytes of the files the slim image keeps, copied out of the source layers into a private
/// temporary directory. Layers can only be read front to back, while the new layer must be written
/// in path order: the spool bridges the two, and costs only the slim image's size on disk.
/// Deleted with everything in it on dispose.
/// </summary>
public sealed class ContentSpool : IDisposable
{
    private readonly string _directory;
    private readonly Dictionary<(int Layer, string Path), string> _files = [];

    public ContentSpool(string? parent = null)
    {
        _directory = Path.Combine(parent ?? Path.GetTempPath(), "slim-spool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public bool Contains(IndexedFile file) => _files.ContainsKey((file.ContentLayer, file.ContentPath));

    /// <summary>The spooled copy of a file's content, opened for reading.</summary>
    public FileStream Open(IndexedFile file) =>
        new(_files[(file.ContentLayer, file.ContentPath)], FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

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

        var target = Path.Combine(_directory, _files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            if (content is not null)
            {
                await content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
        }

        _files[(layer, path)] = target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
