using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Streams;

namespace Slim.Rebuild.Index;

/// <summary>
/// Builds the file index straight from a `docker save` stream while the engine is still producing it, spooling the
/// contents the caller wants on the way: `slim build` runs it while the sensor still runs, so the export and the trace overlap.
/// The stream names the layer order only at its end (manifest.json), so each layer's entries are kept as it passes,
/// keyed by its digest, and applied in the manifest's order once that is read. Digests and diff_ids are checked.
/// When the stream's bytes also land in a file (<c>archiveFile</c>), every file's content is recorded by its position
/// there instead of copied: the trace may come in after the stream went by, and nothing needs reading twice.
/// </summary>
public static class DockerSaveIndexer
{
    /// <param name="archiveFile">A file that holds exactly the bytes of <paramref name="archive"/> once it has been read (null: none).</param>
    /// <returns>
    /// The index; null when the export holds compressed layers (an engine with the containerd image store exports them as
    /// pulled): their diff_ids and file positions need the blobs unpacked, so the caller reads the landed archive instead.
    /// The stream is then left where the indexer stopped.
    /// </returns>
    public static async Task<FileIndex?> BuildAsync(
        Stream archive, ContentSpool spool, Func<string, bool> wanted, string description, string? archiveFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spool);
        await using var counting = new CountingReadStream(archive);
        var sink = new IndexingSink(spool, wanted, description, archiveFile is null ? null : (archiveFile, counting));
        if (await DockerSaveStreamCopy.CopyAsync(counting, sink, sink, description, null, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var manifest = sink.Commit?.Manifest ?? throw new ImageException(ImageErrorReason.InvalidFormat, description, $"{description}: the export named no image");

        var index = new FileIndex();
        var positions = new Dictionary<int, IReadOnlyList<int>>();
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = sink.Layer(manifest.Layers[i].Digest);
            index.AddLayer(layer.Entries, $"{description}: layer {i} ({manifest.Layers[i].Digest})");
            positions[layer.Provisional] = [.. positions.GetValueOrDefault(layer.Provisional, []), i];
        }

        spool.Renumber(positions);
        return index;
    }

    private sealed record StreamedLayer(int Provisional, IReadOnlyList<LayerEntry> Entries);

    /// <summary>Takes the export's blobs: layers are read for their entries (and wanted contents), documents kept.</summary>
    private sealed class IndexingSink(ContentSpool spool, Func<string, bool> wanted, string description, (string File, CountingReadStream Position)? archive)
        : ExportReadingSink<StreamedLayer>(description)
    {
        private int _read;

        protected override Task<StreamedLayer> ReadLayerAsync(Stream tar, PassingBlob? passing, CancellationToken cancellationToken)
        {
            // The outer reader has just read this entry's header and the copy sniffed its first bytes (handed back in
            // front of the content): the blob starts that many bytes before where the archive stands now.
            var start = passing is null ? null : archive?.Position.BytesRead - (passing.Original is PrefixedStream sniffed ? sniffed.PrefixLength : 0);
            return ReadEntriesAsync(tar, start is { } s ? () => s + passing!.BytesRead() : null, cancellationToken);
        }

        /// <summary>
        /// Reads one layer to its end: entries kept, contents spooled under a provisional number (negative, never a real
        /// position): every file by reference when <paramref name="position"/> tells where in the archive file the reader
        /// stands (at a file's first byte when its entry is handed out), else the wanted ones copied.
        /// </summary>
        private async Task<StreamedLayer> ReadEntriesAsync(Stream tar, Func<long>? position, CancellationToken cancellationToken)
        {
            var provisional = -1 - _read++;
            var subject = $"{Description}: layer #{_read} of the export";
            var entries = new List<LayerEntry>();
            await foreach (var item in LayerReader.ReadAsync(tar, subject, cancellationToken).ConfigureAwait(false))
            {
                if (item.Entry.Kind == LayerEntryKind.File && position is not null && archive is { File: var file })
                {
                    spool.AddReference(provisional, item.Entry.Path, file, position(), item.Entry.Size);
                }
                else if (item.Entry.Kind == LayerEntryKind.File && wanted(item.Entry.Path))
                {
                    await spool.AddAsync(provisional, item.Entry.Path, item.Content, cancellationToken).ConfigureAwait(false);
                }

                entries.Add(item.Entry);
            }

            return new StreamedLayer(provisional, entries);
        }
    }
}
