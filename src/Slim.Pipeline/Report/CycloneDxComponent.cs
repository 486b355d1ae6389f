using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>One component: a package ("library"), a file no package owns ("file"), the OS, the image ("container").</summary>
public sealed record CycloneDxComponent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name)
{
    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("purl")]
    public string? Purl { get; init; }

    [JsonPropertyName("hashes")]
    public IReadOnlyList<CycloneDxHash>? Hashes { get; init; }

    [JsonPropertyName("properties")]
    public IReadOnlyList<CycloneDxProperty>? Properties { get; init; }
}
