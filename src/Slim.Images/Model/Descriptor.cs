using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>
/// OCI "descriptor.md": "a reference to targeted content": its media type, digest and size,
/// plus the optional platform (in an index) and annotations.
/// </summary>
public sealed record Descriptor
{
    [JsonPropertyName("mediaType")]
    public required MediaType MediaType { get; init; }

    [JsonPropertyName("digest")]
    public required Digest Digest { get; init; }

    /// <summary>"size ... specifies the size, in bytes, of the raw content".</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    [JsonPropertyName("urls")]
    public IReadOnlyList<string>? Urls { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [JsonPropertyName("platform")]
    public Platform? Platform { get; init; }

    /// <summary>The annotation that names an image in an OCI layout's index.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>The annotation containerd and Docker put on index entries with the full image name.</summary>
    public const string ContainerdNameAnnotation = "io.containerd.image.name";

    public string? RefName => Annotations?.GetValueOrDefault(RefNameAnnotation);

    public static Descriptor For(MediaType mediaType, ReadOnlySpan<byte> content) =>
        new() { MediaType = mediaType, Digest = Digest.Compute(content), Size = content.Length };
}
