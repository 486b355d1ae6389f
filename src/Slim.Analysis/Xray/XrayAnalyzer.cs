using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;

namespace Slim.Analysis.Xray;

/// <summary>
/// Reads an image through an <see cref="IImageSource"/>, layer by layer, and analyses it. Each layer is streamed once:
/// entries are kept as metadata, file contents are hashed as they pass and never held.
/// </summary>
public static class XrayAnalyzer
{
    /// <summary>Analyses the source's image. Digests and diff_ids are checked as the layers are read to their ends.</summary>
    public static async Task<XrayReport> AnalyzeAsync(IImageSource source, XrayOptions? options, IProgress<XrayProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= XrayOptions.Default;
        var image = await source.GetImageAsync(cancellationToken).ConfigureAwait(false);
        var history = DockerfileHistory.Steps(image.Config.History, image.Layers.Count);
        var instructions = history.Where(s => s.Layer is not null).ToDictionary(s => s.Layer!.Value, s => s.Instruction);
        var analysis = new XrayAnalysis(options);
        for (var i = 0; i < image.Layers.Count; i++)
        {
            progress?.Report(new XrayProgress(i, image.Layers.Count, image.Layers[i].Size));
            var subject = $"{source.Description}: layer {i} ({image.Layers[i].Digest})";
            var tar = await source.OpenLayerTarAsync(image, i, cancellationToken).ConfigureAwait(false);
            List<XrayEntry> entries;
            await using (tar.ConfigureAwait(false))
            {
                entries = await ReadEntriesAsync(tar, subject, options, cancellationToken).ConfigureAwait(false);
            }

            analysis.AddLayer(new XrayLayerInfo(image.Layers[i].Digest.ToString(), image.DiffId(i).ToString(), instructions.GetValueOrDefault(i)), entries);
        }

        progress?.Report(new XrayProgress(image.Layers.Count, image.Layers.Count, 0));
        return analysis.Build(source.Description, image.ConfigDescriptor.Digest.ToString(), history);
    }

    /// <summary>
    /// Analyses a `docker save` stream (the engine's export) in one pass, with nothing landed on disk. Layers arrive in
    /// the archive's order, which only manifest.json (last) maps to the image's: each is read as it passes and the
    /// analysis runs in the image's order at the end. Digests and diff_ids are checked. Null when the export holds
    /// compressed layers, which a one-pass read cannot check: then analyse the landed archive (<see cref="AnalyzeAsync"/>).
    /// </summary>
    public static async Task<XrayReport?> AnalyzeExportAsync(Stream archive, string description, XrayOptions? options, IProgress<XrayProgress>? progress, CancellationToken cancellationToken)
    {
        options ??= XrayOptions.Default;
        var sink = new LayerEntrySink(description, options, progress);
        if (await DockerSaveStreamCopy.CopyAsync(archive, sink, sink, description, null, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var commit = sink.Commit ?? throw new ImageException(ImageErrorReason.InvalidFormat, description, $"{description}: the export named no image");
        var configBytes = sink.Documents.GetValueOrDefault(commit.Manifest.Config.Digest)
            ?? throw new ImageException(ImageErrorReason.BlobMissing, description, $"{description}: the export holds no config");
        var image = SourceImage.Create(commit.ManifestDescriptor, commit.ManifestBytes, commit.Manifest, configBytes, [], description);
        var history = DockerfileHistory.Steps(image.Config.History, image.Layers.Count);
        var instructions = history.Where(s => s.Layer is not null).ToDictionary(s => s.Layer!.Value, s => s.Instruction);
        var analysis = new XrayAnalysis(options);
        for (var i = 0; i < image.Layers.Count; i++)
        {
            analysis.AddLayer(new XrayLayerInfo(image.Layers[i].Digest.ToString(), image.DiffId(i).ToString(), instructions.GetValueOrDefault(i)), sink.Layer(image.Layers[i].Digest));
        }

        progress?.Report(new XrayProgress(image.Layers.Count, image.Layers.Count, 0));
        return analysis.Build(description, image.ConfigDescriptor.Digest.ToString(), history);
    }

    /// <summary>One layer's entries, file contents hashed as they pass (never held); read on to the end so digests are checked.</summary>
    private static async Task<List<XrayEntry>> ReadEntriesAsync(Stream tar, string subject, XrayOptions options, CancellationToken cancellationToken)
    {
        var entries = new List<XrayEntry>();
        await foreach (var item in LayerReader.ReadAsync(tar, subject, cancellationToken).ConfigureAwait(false))
        {
            var entry = item.Entry;
            PackedSha256? digest = null;
            if (options.HashContents && item.Content is { } content && entry.Size > 0)
            {
                digest = await PackedSha256.ComputeAsync(content, entry.Size, cancellationToken).ConfigureAwait(false);
            }

            entries.Add(new XrayEntry(entry.Path, entry.Kind, entry.Size, digest, entry.Kind == LayerEntryKind.Hardlink ? entry.LinkTarget : null));
        }

        // the tar's end-of-archive blocks may be left unread: read on so the digest and diff_id checks run
        await tar.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    /// <summary>Takes an export's blobs: layers read into entry lists keyed by digest, small documents kept, nothing written.</summary>
    private sealed class LayerEntrySink(string description, XrayOptions options, IProgress<XrayProgress>? progress)
        : ExportReadingSink<List<XrayEntry>>(description)
    {
        protected override Task<List<XrayEntry>> ReadLayerAsync(Stream tar, PassingBlob? passing, CancellationToken cancellationToken)
        {
            progress?.Report(new XrayProgress(Layers.Count, -1, 0));
            return ReadEntriesAsync(tar, $"{Description}: layer #{Layers.Count + 1} of the export", options, cancellationToken);
        }
    }
}

/// <summary>Xray is about to read layer <see cref="Layer"/> of <see cref="LayerCount"/> (equal when done; -1 while not known yet).</summary>
public readonly record struct XrayProgress(int Layer, int LayerCount, long LayerBlobSize);
