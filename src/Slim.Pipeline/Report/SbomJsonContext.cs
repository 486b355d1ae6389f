using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>Source-generated JSON for the CycloneDX SBOM (names as the records give them, nulls left out).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CycloneDxBom))]
internal sealed partial class SbomJsonContext : JsonSerializerContext;
