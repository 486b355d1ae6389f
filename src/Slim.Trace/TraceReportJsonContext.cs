using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>Source-generated JSON for the report: no reflection, so the NativeAOT tracer and the rebuild share it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TraceReport))]
public sealed partial class TraceReportJsonContext : JsonSerializerContext;
