using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;

namespace Slim.Rebuild.Writing;

/// <summary>
/// Turns the one slim layer into an image (DESIGN.md step 6): a config that carries the original's
/// runtime settings, rootfs and history describing the new layer, and an OCI manifest, written to a sink.
/// The creation time is the original's, so the same input and trace give the same digests.
/// </summary>
public static class SlimImageWriter
{
    public static async Task<SlimImage> WriteAsync(
        SourceImage original,
        ContainerConfig config,
        WrittenLayer layer,
        Func<Stream> openLayer,
        IImageSink sink,
        ImageReference? name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(openLayer);
        ArgumentNullException.ThrowIfNull(sink);
        var source = original.Config;
        var imageConfig = new ImageConfig
        {
            Created = source.Created,
            Author = source.Author,
            Architecture = source.Architecture ?? "amd64",
            Os = source.Os ?? "linux",
            OsVersion = source.OsVersion,
            Variant = source.Variant,
            Config = config,
            RootFs = new RootFs { DiffIds = [layer.DiffId] },
            History =
            [
                new HistoryEntry
                {
                    Created = source.Created,
                    CreatedBy = $"slim build from {original.ConfigDescriptor.Digest}",
                    Comment = $"{layer.EntryCount} entries kept from {original.Layers.Count} layers",
                },
            ],
        };

        var configBytes = ImageJson.Serialize(imageConfig);
        var configDescriptor = Descriptor.For(MediaType.OciConfig, configBytes);
        await using (var content = openLayer())
        {
            await sink.WriteBlobAsync(layer.Descriptor, content, cancellationToken).ConfigureAwait(false);
        }

        await sink.WriteBlobAsync(configDescriptor, new MemoryStream(configBytes), cancellationToken).ConfigureAwait(false);
        var manifest = new ImageManifest
        {
            MediaType = MediaType.OciManifest,
            Config = configDescriptor,
            Layers = [layer.Descriptor],
        };
        var manifestBytes = ImageJson.Serialize(manifest);
        var manifestDescriptor = Descriptor.For(MediaType.OciManifest, manifestBytes);
        await sink.CommitAsync(new ImageCommit(manifestDescriptor, manifestBytes, manifest, name), cancellationToken).ConfigureAwait(false);
        return new SlimImage(manifestDescriptor.Digest, configDescriptor.Digest, layer.DiffId, layer.Descriptor.Size, layer.UncompressedSize, layer.EntryCount);
    }
}
