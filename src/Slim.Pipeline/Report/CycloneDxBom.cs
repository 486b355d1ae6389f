using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>A CycloneDX 1.6 bill of materials (cyclonedx.org/docs/1.6/json), the part of it slim writes.</summary>
public sealed record CycloneDxBom(
    [property: JsonPropertyName("bomFormat")] string BomFormat,
    [property: JsonPropertyName("specVersion")] string SpecVersion,
    [property: JsonPropertyName("serialNumber")] string SerialNumber,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("metadata")] CycloneDxMetadata Metadata,
    [property: JsonPropertyName("components")] IReadOnlyList<CycloneDxComponent> Components);
