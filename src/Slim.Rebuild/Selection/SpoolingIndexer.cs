using System.Runtime.CompilerServices;
using Slim.Rebuild.Index;
using Slim.Rebuild.Layers;
using Slim.Rebuild.Sources;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Builds the file index and, in the same pass over the layers, spools the contents the caller
/// already knows it wants. `slim build` indexes while the sensor still runs: files are asked for
/// as soon as the trace is in, and what streamed by before that is fetched later by
/// <see cref="ContentSpool.FillAsync"/>. One read of the layers instead of two in the usual case.
/// </summary>
public static class SpoolingIndexer
{
    /// <param name="wanted">Asked per regular file with its index key (no leading slash); may change its mind while the pass runs.</param>
    public static async Task<FileIndex> BuildAsync(
        IImageSource source, SourceImage image, ContentSpool spool, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(image);
        var index = new FileIndex();
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var subject = $"{source.Description}: layer {i} ({image.Layers[i].Digest})";
            await using var tar = await source.OpenLayerTarAsync(image, i, cancellationToken).ConfigureAwait(false);
            await index.AddLayerAsync(Entries(tar, i, subject, spool, wanted, cancellationToken), subject, cancellationToken).ConfigureAwait(false);

            // Read past the tar's end blocks so the layer's digest and diff_id are checked.
            var rest = new byte[81920];
            while (await tar.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        return index;
    }

    private static async IAsyncEnumerable<LayerEntry> Entries(
        Stream tar, int layer, string subject, ContentSpool spool, Func<string, bool> wanted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in LayerReader.ReadAsync(tar, subject, cancellationToken).ConfigureAwait(false))
        {
            if (item.Entry.Kind == LayerEntryKind.File && wanted(item.Entry.Path))
            {
                await spool.AddAsync(layer, item.Entry.Path, item.Content, cancellationToken).ConfigureAwait(false);
            }

            yield return item.Entry;
        }
    }
}
