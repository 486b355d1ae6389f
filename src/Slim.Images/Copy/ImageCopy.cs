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
/// </summary>
public static class ImageCopy
{
    public static async Task<ImageCopyResult> CopyAsync(IImageSource source, IImageSink sink, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var image = await source.GetImageAsync(cancellationToken).ConfigureAwait(false);
        var layers = new List<Descriptor>();
        var changed = false;
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var layer = image.Layers[i];
            var diffId = image.DiffId(i);
            progress?.Report($"layer {i + 1}/{image.Layers.Count} {layer.Digest.Encoded[..12]} ({layer.Size} bytes)");
            var compressed = layer.MediaType.LayerCompression != LayerCompression.None;
            if (sink.RequiresUncompressedLayers && compressed)
            {
                layers.Add(await CopyDecompressedAsync(source, sink, image, i, cancellationToken).ConfigureAwait(false));
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
                if (compressed)
                {
                    await WriteCheckingDiffIdAsync(sink, layer, blob, diffId, $"{source.Description}: layer {i} ({layer.Digest})", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await sink.WriteBlobAsync(layer, blob, cancellationToken).ConfigureAwait(false);
                }
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
    /// Writes a compressed layer as it is while a second task decompresses the same bytes and checks the diff_id, so a
    /// layer whose blob digest is right but whose content is not what the config says is still refused.
    /// </summary>
    private static async Task WriteCheckingDiffIdAsync(IImageSink sink, Descriptor layer, Stream blob, Digest diffId, string subject, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20, minimumSegmentSize: 1 << 20, useSynchronizationContext: false));
        var check = Task.Run(
            async () =>
            {
                try
                {
                    var (tar, _) = await LayerStreams.OpenUncompressedAsync(pipe.Reader.AsStream(leaveOpen: true), subject, cancellationToken).ConfigureAwait(false);
                    await using var verifying = new VerifyingReadStream(tar, diffId, null, subject + " uncompressed content (diff_id)");
                    await verifying.DrainAsync(cancellationToken).ConfigureAwait(false);
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
    }

    /// <summary>Decompresses a layer into a temporary file (checking its diff_id) so that its size is known, then writes it as plain tar.</summary>
    private static async Task<Descriptor> CopyDecompressedAsync(IImageSource source, IImageSink sink, SourceImage image, int index, CancellationToken cancellationToken)
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
