using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>
/// A media type of an image part (OCI image spec, "media-types.md", and Docker's schema 2 equivalents).
/// Unknown values are kept as they are, so a copy never loses them.
/// </summary>
[JsonConverter(typeof(MediaTypeJsonConverter))]
public readonly record struct MediaType(string Value)
{
    public static readonly MediaType OciIndex = new("application/vnd.oci.image.index.v1+json");
    public static readonly MediaType OciManifest = new("application/vnd.oci.image.manifest.v1+json");
    public static readonly MediaType OciConfig = new("application/vnd.oci.image.config.v1+json");
    public static readonly MediaType OciLayer = new("application/vnd.oci.image.layer.v1.tar");
    public static readonly MediaType OciLayerGzip = new("application/vnd.oci.image.layer.v1.tar+gzip");
    public static readonly MediaType OciLayerZstd = new("application/vnd.oci.image.layer.v1.tar+zstd");
    public static readonly MediaType DockerManifestList = new("application/vnd.docker.distribution.manifest.list.v2+json");
    public static readonly MediaType DockerManifest = new("application/vnd.docker.distribution.manifest.v2+json");
    public static readonly MediaType DockerConfig = new("application/vnd.docker.container.image.v1+json");
    public static readonly MediaType DockerLayer = new("application/vnd.docker.image.rootfs.diff.tar");
    public static readonly MediaType DockerLayerGzip = new("application/vnd.docker.image.rootfs.diff.tar.gzip");
    public static readonly MediaType DockerLayerZstd = new("application/vnd.docker.image.rootfs.diff.tar.zstd");

    public bool IsIndex => this == OciIndex || this == DockerManifestList;

    public bool IsManifest => this == OciManifest || this == DockerManifest;

    public bool IsLayer => Value is not null && (Value.StartsWith("application/vnd.oci.image.layer.", StringComparison.Ordinal)
        || Value.StartsWith("application/vnd.docker.image.rootfs.", StringComparison.Ordinal));

    /// <summary>The compression a layer media type announces (<see cref="Layers.LayerCompression.None"/> for plain tar).</summary>
    public Layers.LayerCompression LayerCompression => Value switch
    {
        _ when Value is null => Layers.LayerCompression.None,
        _ when Value.EndsWith("gzip", StringComparison.Ordinal) => Layers.LayerCompression.Gzip,
        _ when Value.EndsWith("zstd", StringComparison.Ordinal) => Layers.LayerCompression.Zstd,
        _ => Layers.LayerCompression.None,
    };

    /// <summary>The OCI layer media type for a compression.</summary>
    public static MediaType OciLayerFor(Layers.LayerCompression compression) => compression switch
    {
        Layers.LayerCompression.Gzip => OciLayerGzip,
        Layers.LayerCompression.Zstd => OciLayerZstd,
        _ => OciLayer,
    };

    /// <summary>The OCI equivalent of a Docker schema 2 media type (itself when it has none).</summary>
    public MediaType ToOci()
    {
        if (this == DockerManifest)
        {
            return OciManifest;
        }

        if (this == DockerManifestList)
        {
            return OciIndex;
        }

        if (this == DockerConfig)
        {
            return OciConfig;
        }

        return IsLayer && Value.StartsWith("application/vnd.docker.", StringComparison.Ordinal) ? OciLayerFor(LayerCompression) : this;
    }

    public override string ToString() => Value ?? "";
}
