using System.Text.Json.Serialization;

namespace Slim.Analysis.Gate;

/// <summary>Source-generated JSON for the gate's verdict (camelCase, indented).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(GateResult))]
internal sealed partial class GateJsonContext : JsonSerializerContext;
