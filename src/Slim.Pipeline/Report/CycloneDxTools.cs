using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>The tools that made the BOM, as components (the 1.5+ form).</summary>
public sealed record CycloneDxTools([property: JsonPropertyName("components")] IReadOnlyList<CycloneDxComponent> Components);
