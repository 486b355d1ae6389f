using Slim.Images.Model;

namespace Slim.Images.Sources;

/// <summary>
/// One image as a source holds it: the manifest (exact bytes and parsed), the config (exact bytes and parsed)
/// and the names it carries. Layers are read through <see cref="IImageSource.OpenBlobAsync"/>.
/// </summary>
public sealed record SourceImage
{
    public required Descriptor ManifestDescriptor { get; init; }

    public required ReadOnlyMemory<byte> ManifestBytes { get; init; }

    public required ImageManifest Manifest { get; init; }

    public required ReadOnlyMemory<byte> ConfigBytes { get; init; }

    public required ImageConfig Config { get; init; }

    /// <summary>The references the source knows this image by (repo tags, ref names); may be empty.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    public Descriptor ConfigDescriptor => Manifest.Config;

    public IReadOnlyList<Descriptor> Layers => Manifest.Layers;

    /// <summary>The uncompressed digest of layer <paramref name="index"/>.</summary>
    public Digest DiffId(int index) => Config.DiffIds[index];

    /// <summary>Parses and checks a manifest and its config: same layer count as diff_ids, config digest right.</summary>
    public static SourceImage Create(Descriptor manifestDescriptor, ReadOnlyMemory<byte> manifestBytes, ImageManifest manifest, ReadOnlyMemory<byte> configBytes, IReadOnlyList<string> names, string subject)
    {
        var config = ImageJson.ParseConfig(configBytes.Span, $"{subject}: config {manifest.Config.Digest}");
        if (config.DiffIds.Count != manifest.Layers.Count)
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, subject,
                $"{subject}: the manifest lists {manifest.Layers.Count} layers but the config {config.DiffIds.Count} diff_ids");
        }

        return new SourceImage
        {
            ManifestDescriptor = manifestDescriptor,
            ManifestBytes = manifestBytes,
            Manifest = manifest,
            ConfigBytes = configBytes,
            Config = config,
            Names = names,
        };
    }
}
