using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>A name-value pair CycloneDX has no field for (names prefixed "slim:").</summary>
public sealed record CycloneDxProperty(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
