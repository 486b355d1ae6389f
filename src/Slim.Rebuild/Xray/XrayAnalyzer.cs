using Slim.Rebuild.Layers;
using Slim.Rebuild.Sources;

namespace Slim.Rebuild.Xray;

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
            var entries = new List<XrayEntry>();
            var tar = await source.OpenLayerTarAsync(image, i, cancellationToken).ConfigureAwait(false);
            await using (tar.ConfigureAwait(false))
            {
                await foreach (var item in LayerReader.ReadAsync(tar, subject, cancellationToken).ConfigureAwait(false))
                {
                    var entry = item.Entry;
                    ContentDigest? digest = null;
                    if (options.HashContents && item.Content is { } content && entry.Size > 0)
                    {
                        digest = await ContentDigest.ComputeAsync(content, entry.Size, cancellationToken).ConfigureAwait(false);
                    }

                    entries.Add(new XrayEntry(entry.Path, entry.Kind, entry.Size, digest));
                }

                // the tar's end-of-archive blocks may be left unread: read on so the digest and diff_id checks run
                await tar.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            analysis.AddLayer(new XrayLayerInfo(image.Layers[i].Digest.ToString(), image.DiffId(i).ToString(), instructions.GetValueOrDefault(i)), entries);
        }

        progress?.Report(new XrayProgress(image.Layers.Count, image.Layers.Count, 0));
        return analysis.Build(source.Description, image.ConfigDescriptor.Digest.ToString(), history);
    }
}

/// <summary>Xray is about to read layer <see cref="Layer"/> of <see cref="LayerCount"/> (equal when done).</summary>
public readonly record struct XrayProgress(int Layer, int LayerCount, long LayerBlobSize);
