using System.IO.Pipelines;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Streams;

namespace Slim.Images.Copy;

/// <summary>
/// Copies one image from a source to a sink, streaming every blob and checking every digest on the way. The config is
/// copied byte for byte (the image ID survives); the manifest too when the sink can take the layers as they are.
/// Every layer's entries are read on the way (a second reader of the same bytes) and held to the rules every reader keeps
/// (<see cref="LayerReader"/>, <see cref="LayerStackPaths"/>): a hostile layer is refused, not passed on.
/// </summary>
public static class ImageCopy
{
    public static async Task<ImageCopyResult> CopyAsync(IImageSource source, IImageSink sink, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var image = await source.GetImageAsync(cancellationToken).ConfigureAwait(false);
        var layers = new List<Descriptor>();
        var rules = new LayerStackPaths();
        var changed = false;
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var layer = image.Layers[i];
            var diffId = image.DiffId(i);
            var subject = $"{source.Description}: layer {i} ({layer.Digest})";
            progress?.Report($"layer {i + 1}/{image.Layers.Count} {layer.Digest.Encoded[..12]} ({layer.Size} bytes)");
            var compressed = layer.MediaType.LayerCompression != LayerCompression.None;
            if (sink.RequiresUncompressedLayers && compressed)
            {
                layers.Add(await CopyDecompressedAsync(source, sink, image, i, rules, subject, cancellationToken).ConfigureAwait(false));
                changed = true;
                continue;
            }

            if (!compressed && layer.Digest != diffId)
            {
                throw new ImageException(ImageErrorReason.DigestMismatch, layer.Digest.ToString(),
                    $"{source.Description}: uncompressed layer {i} has digest {layer.Digest} but the config says its diff_id is {diffId}");
            }

            await using (var blob = await source.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false))
            {
                rules.AddLayer(await WriteCheckingAsync(sink, layer, blob, diffId, subject, cancellationToken).ConfigureAwait(false), e => e, subject);
            }

            layers.Add(layer);
        }

        var config = image.ConfigDescriptor;
        await sink.WriteBlobAsync(config, new MemoryStream(image.ConfigBytes.ToArray()), cancellationToken).ConfigureAwait(false);

        var manifestDescriptor = image.ManifestDescriptor;
        var manifestBytes = image.ManifestBytes;
        var manifest = image.Manifest;
        if (changed || manifest.MediaType != MediaType.OciManifest || manifestDescriptor.MediaType != MediaType.OciManifest)
        {
            manifest = new ImageManifest
            {
                MediaType = MediaType.OciManifest,
                Config = config with { MediaType = config.MediaType.ToOci() },
                Layers = layers.Select(l => l with { MediaType = l.MediaType.ToOci() }).ToList(),
                Annotations = manifest.Annotations,
            };
            manifestBytes = ImageJson.Serialize(manifest);
            manifestDescriptor = Descriptor.For(MediaType.OciManifest, manifestBytes.Span);
        }

        var name = image.Names.Select(n => ImageReference.TryParse(n, out var r) ? r : null).FirstOrDefault(r => r is not null);
        progress?.Report("writing manifest");
        await sink.CommitAsync(new ImageCommit(manifestDescriptor, manifestBytes, manifest, name), cancellationToken).ConfigureAwait(false);
        return new ImageCopyResult(manifestDescriptor, config.Digest, image.Config.DiffIds);
    }

    /// <summary>
    /// Writes a layer as it is while a second task decompresses the same bytes, checks the diff_id and reads the entries,
    /// so a layer whose blob digest is right but whose content is not what the config says, or whose entries break a rule,
    /// is still refused. Returns the entries.
    /// </summary>
    private static async Task<List<LayerEntry>> WriteCheckingAsync(IImageSink sink, Descriptor layer, Stream blob, Digest diffId, string subject, CancellationToken cancellationToken)
    {
        var entries = new List<LayerEntry>();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20, minimumSegmentSize: 1 << 20, useSynchronizationContext: false));
        var check = Task.Run(
            async () =>
            {
                try
                {
                    var (tar, _) = await LayerStreams.OpenUncompressedAsync(pipe.Reader.AsStream(leaveOpen: true), subject, cancellationToken).ConfigureAwait(false);
                    await using var verifying = new VerifyingReadStream(tar, diffId, null, subject + " uncompressed content (diff_id)");
                    ImageException? broken = null;
                    try
                    {
                        await ReadEntriesAsync(verifying, subject, entries, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ImageException e)
                    {
                        broken = e;
                    }

                    // read to the end either way: a tampered blob is the digest mismatch it is, not the broken tar it looks like
                    await verifying.DrainAsync(cancellationToken).ConfigureAwait(false);
                    if (broken is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(broken);
                    }
                }
                finally
                {
                    await pipe.Reader.CompleteAsync().ConfigureAwait(false);
                }
            },
            cancellationToken);
        await using (var tee = new TeeReadStream(blob, pipe.Writer))
        {
            try
            {
                await sink.WriteBlobAsync(layer, tee, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await tee.DisposeAsync().ConfigureAwait(false);
                await Task.WhenAny(check).ConfigureAwait(false);
                throw;
            }
        }

        await check.ConfigureAwait(false);
        return entries;
    }

    private static async Task ReadEntriesAsync(Stream tar, string subject, List<LayerEntry> entries, CancellationToken cancellationToken)
    {
        await foreach (var entry in LayerReader.ReadEntriesAsync(tar, subject, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }
    }

    /// <summary>Decompresses a layer into a temporary file (checking its diff_id) so that its size is known, then writes it as plain tar.</summary>
    private static async Task<Descriptor> CopyDecompressedAsync(
        IImageSource source, IImageSink sink, SourceImage image, int index, LayerStackPaths rules, string subject, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"slim-layer-{Guid.NewGuid():N}.tar");
        try
        {
            long size;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await using (var tar = await source.OpenLayerTarAsync(image, index, cancellationToken).ConfigureAwait(false))
            {
                await tar.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                size = file.Length;
            }

            var entries = new List<LayerEntry>();
            await using (var landed = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous))
            {
                await ReadEntriesAsync(landed, subject, entries, cancellationToken).ConfigureAwait(false);
            }

            rules.AddLayer(entries, e => e, subject);
            var descriptor = new Descriptor { MediaType = MediaType.OciLayer, Digest = image.DiffId(index), Size = size };
            await using var content = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            await sink.WriteBlobAsync(descriptor, content, cancellationToken).ConfigureAwait(false);
            return descriptor;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
