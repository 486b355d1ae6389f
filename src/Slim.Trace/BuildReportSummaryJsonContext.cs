using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>Source-generated JSON for <see cref="BuildReportSummary"/>, named as the build report is (camelCase).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BuildReportSummary))]
internal sealed partial class BuildReportSummaryJsonContext : JsonSerializerContext;
