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
/// (<see cref="LayerReader"/>, <see cref="LayerStackPaths"/>): a hostile layer is refused, not passed on, unless
/// <see cref="ImageCopyOptions.CheckLayerContent"/> is off. Layers travel side by side when both ends allow it.
/// </summary>
public static class ImageCopy
{
    /// <summary>How many layers are in flight at once when both ends allow it (skopeo's default is six; two cores here).</summary>
    public const int ConcurrentLayers = 3;

    public static async Task<ImageCopyResult> CopyAsync(IImageSource source, IImageSink sink, IProgress<string>? progress, CancellationToken cancellationToken, ImageCopyOptions? options = null)
    {
        options ??= ImageCopyOptions.Default;
        var image = await source.GetImageAsync(cancellationToken).ConfigureAwait(false);
        var copied = new CopiedLayer[image.Layers.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = source.ServesBlobsConcurrently && sink.TakesBlobsConcurrently ? Math.Max(1, options.ConcurrentLayers) : 1,
            CancellationToken = cancellationToken,
        };
        // the rules span layers (a whiteout reaches into the ones below), so each layer is held to them in order, as soon as
        // the layers below it are in: a hostile layer stops the copy (and the layers still travelling) early
        var rules = new LayerStackPaths();
        var ruled = 0;
        var ruling = new Lock();
        await Parallel.ForEachAsync(Enumerable.Range(0, image.Layers.Count), parallel, async (i, ct) =>
        {
            progress?.Report($"layer {i + 1}/{image.Layers.Count} {image.Layers[i].Digest.Encoded[..12]} ({image.Layers[i].Size} bytes)");
            var layer = await CopyLayerAsync(source, sink, image, i, options.CheckLayerContent, ct).ConfigureAwait(false);
            lock (ruling)
            {
                copied[i] = layer;
                for (; ruled < copied.Length && copied[ruled] is { } next; ruled++)
                {
                    if (next.Entries is { } entries)
                    {
                        rules.AddLayer(entries, e => e, next.Subject);
                        copied[ruled] = next with { Entries = null }; // held to the rules: its entries are not needed again
                    }
                }
            }
        }).ConfigureAwait(false);

        var layers = copied.Select(c => c.Written).ToList();
        var changed = copied.Any(c => c.Decompressed);
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

    /// <summary>A layer written, the entries read from it (null when its content was not checked), and whether it was decompressed.</summary>
    private sealed record CopiedLayer(Descriptor Written, List<LayerEntry>? Entries, bool Decompressed, string Subject);

    private static async Task<CopiedLayer> CopyLayerAsync(IImageSource source, IImageSink sink, SourceImage image, int i, bool checkContent, CancellationToken cancellationToken)
    {
        var layer = image.Layers[i];
        var diffId = image.DiffId(i);
        var subject = $"{source.Description}: layer {i} ({layer.Digest})";
        var compressed = layer.MediaType.LayerCompression != LayerCompression.None;
        if (sink.RequiresUncompressedLayers && compressed)
        {
            var (written, entries) = await CopyDecompressedAsync(source, sink, image, i, subject, cancellationToken).ConfigureAwait(false);
            return new CopiedLayer(written, entries, true, subject);
        }

        if (!compressed && layer.Digest != diffId)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, layer.Digest.ToString(),
                $"{source.Description}: uncompressed layer {i} has digest {layer.Digest} but the config says its diff_id is {diffId}");
        }

        await using var blob = await source.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false);
        if (!checkContent)
        {
            await sink.WriteBlobAsync(layer, blob, cancellationToken).ConfigureAwait(false);
            return new CopiedLayer(layer, null, false, subject);
        }

        return new CopiedLayer(layer, await WriteCheckingAsync(sink, layer, blob, diffId, subject, cancellationToken).ConfigureAwait(false), false, subject);
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
                    await verifying.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
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
    private static async Task<(Descriptor Written, List<LayerEntry> Entries)> CopyDecompressedAsync(
        IImageSource source, IImageSink sink, SourceImage image, int index, string subject, CancellationToken cancellationToken)
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

            var descriptor = new Descriptor { MediaType = MediaType.OciLayer, Digest = image.DiffId(index), Size = size };
            await using var content = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            await sink.WriteBlobAsync(descriptor, content, cancellationToken).ConfigureAwait(false);
            return (descriptor, entries);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
