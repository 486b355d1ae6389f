using System.Text.Json.Serialization;

namespace Slim.Analysis.Xray;

/// <summary>Source-generated JSON for xray reports (camelCase, indented: people read and diff them).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(XrayReport))]
internal sealed partial class XrayJsonContext : JsonSerializerContext;
