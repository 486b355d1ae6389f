using System.Text.Json;

namespace Slim.Analysis.Gate;

/// <summary>Writes and reads the gate's verdict (<c>slim gate --json</c>).</summary>
public static class GateJson
{
    public static string Serialize(GateResult result) => JsonSerializer.Serialize(result, GateJsonContext.Default.GateResult);

    public static GateResult? Deserialize(string json) => JsonSerializer.Deserialize(json, GateJsonContext.Default.GateResult);
}
