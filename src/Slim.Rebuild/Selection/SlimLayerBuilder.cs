using Slim.Rebuild.Layers;
using Slim.Rebuild.Sources;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Writes the selected files as one layer: entries in path order with their original metadata,
/// contents from the spool. A hardlink stays a hardlink when the file holding its bytes is kept,
/// and becomes that file's copy only when it is not.
/// </summary>
public static class SlimLayerBuilder
{
    public static async Task<WrittenLayer> WriteAsync(
        IImageSource source,
        SourceImage image,
        ImageTree tree,
        FileSelection selection,
        ContentSpool spool,
        Stream destination,
        LayerCompression compression,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(spool);
        var keys = selection.Paths.Keys.Select(ImageTree.ToKey).Where(k => k.Length > 0).Order(StringComparer.Ordinal).ToList();
        var kept = keys.ToHashSet(StringComparer.Ordinal);
        var files = keys.Select(k => tree.Index[k]).OfType<Index.IndexedFile>().ToList();
        await spool.FillAsync(source, image, files, cancellationToken).ConfigureAwait(false);

        await using var writer = new LayerWriter(destination, compression);
        foreach (var file in files)
        {
            var entry = file.Entry;
            if (entry.Kind == LayerEntryKind.Hardlink && !kept.Contains(file.ContentPath))
            {
                entry = entry with { Kind = LayerEntryKind.File, LinkTarget = null, Size = file.Size };
            }

            if (entry.Kind == LayerEntryKind.File)
            {
                await using var content = spool.Open(file);
                await writer.AddAsync(entry, content, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await writer.AddAsync(entry, null, cancellationToken).ConfigureAwait(false);
            }
        }

        return await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
