using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>OCI "image-layout.md": the `oci-layout` marker file.</summary>
public sealed record OciLayoutFile
{
    public const string FileName = "oci-layout";

    [JsonPropertyName("imageLayoutVersion")]
    public string ImageLayoutVersion { get; init; } = "1.0.0";
}
