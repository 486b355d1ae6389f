using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>Source-generated JSON for the build report (camelCase, indented, nulls left out).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(BuildReport))]
internal sealed partial class BuildReportJsonContext : JsonSerializerContext;
