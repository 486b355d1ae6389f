using Slim.Images.Copy;
using Slim.Images.Sinks;
using Slim.Images.Sources;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// Copies an image into a registry as it is: every blob (skipped when there, mounted within one registry, else streamed
/// from the source, checked on the way) and then the source's own manifest bytes, so the manifest digest survives.
/// A registry stores Docker and OCI manifests and compressed layers alike, so nothing has to be converted.
/// </summary>
public static class RegistryCopy
{
    public static async Task<ImageCopyResult> CopyAsync(IImageSource source, RegistryImageSink sink, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        var image = await source.GetImageAsync(cancellationToken).ConfigureAwait(false);
        if (source is RegistryImageSource registry && registry.Location.Registry == sink.Location.Registry)
        {
            sink.MountFrom = registry.Location.Repository;
        }

        var blobs = image.Layers.Append(image.ConfigDescriptor).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = source.ServesBlobsConcurrently ? ImageCopy.ConcurrentLayers : 1, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs.Count), parallel, async (i, ct) =>
        {
            var blob = blobs[i];
            progress?.Report($"blob {i + 1}/{blobs.Count} {blob.Digest.Encoded[..12]} ({blob.Size} bytes)");
            if (await sink.HasBlobAsync(blob.Digest, ct).ConfigureAwait(false) || await sink.TryMountAsync(blob.Digest, ct).ConfigureAwait(false))
            {
                return;
            }

            if (i == blobs.Count - 1)
            {
                await sink.WriteBlobAsync(blob, new MemoryStream(image.ConfigBytes.ToArray()), ct).ConfigureAwait(false);
                return;
            }

            await using var content = await source.OpenBlobAsync(blob, ct).ConfigureAwait(false);
            await sink.WriteBlobAsync(blob, content, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        progress?.Report("pushing manifest");
        await sink.CommitAsync(new ImageCommit(image.ManifestDescriptor, image.ManifestBytes, image.Manifest, null), cancellationToken).ConfigureAwait(false);
        return new ImageCopyResult(image.ManifestDescriptor, image.ConfigDescriptor.Digest, image.Config.DiffIds);
    }
}
