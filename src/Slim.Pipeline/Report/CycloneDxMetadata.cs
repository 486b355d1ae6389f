using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>When and by what the BOM was made, and what it describes (the slim image).</summary>
public sealed record CycloneDxMetadata(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("tools")] CycloneDxTools Tools,
    [property: JsonPropertyName("component")] CycloneDxComponent Component);
