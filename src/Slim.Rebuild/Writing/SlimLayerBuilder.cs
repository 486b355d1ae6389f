using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Images.Sources;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;

namespace Slim.Rebuild.Writing;

/// <summary>
/// Writes the selected files as one layer: entries in path order with their original metadata,
/// contents from the spool (or from <see cref="FileSelection.Contents"/> where the selection replaces a file's bytes).
/// Hardlinks stay hardlinks among the names that are kept.
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
        // Path order (ordinal by key) puts every directory before what is below it.
        var paths = selection.Paths.Keys.Select(ImagePath.FromAbsolute).Where(p => !p.IsRoot).Order().ToList();
        var files = paths.Select(p => tree.Index[p]).OfType<Index.IndexedFile>().ToList();
        await spool.FillAsync(source, image, files.Where(f => !selection.Contents.ContainsKey(f.ImagePath.Absolute)), cancellationToken).ConfigureAwait(false);

        // Names that share bytes (hardlinks, and the file they link to) form one group; the first name in
        // path order carries the bytes, the others link to it. That keeps links links, puts every link
        // after its target in the tar, and never links to a path a later layer replaced or deleted.
        var holders = new Dictionary<(int Layer, string Path), string>();
        await using var writer = new LayerWriter(destination, compression);
        foreach (var file in files)
        {
            var entry = file.Entry;
            if (selection.Contents.TryGetValue(file.ImagePath.Absolute, out var replaced))
            {
                // A file of its own: never the holder of a hardlink group, whose other names keep the original bytes.
                using var bytes = new MemoryStream(replaced, writable: false);
                await writer.AddAsync(entry with { Kind = LayerEntryKind.File, LinkTarget = null, Size = replaced.Length }, bytes, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (entry.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink)
            {
                var content = (file.ContentLayer, file.ContentPath);
                if (holders.TryGetValue(content, out var holder))
                {
                    entry = entry with { Kind = LayerEntryKind.Hardlink, LinkTarget = holder, Size = 0 };
                }
                else
                {
                    holders[content] = entry.Path;
                    entry = entry with { Kind = LayerEntryKind.File, LinkTarget = null, Size = file.Size };
                }
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
