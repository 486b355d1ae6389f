using System.Text.Json;

namespace Slim.Analysis.Xray;

/// <summary>Reads and writes xray reports (the <c>--json</c> output, and a baseline for <c>slim gate</c>).</summary>
public static class XrayJson
{
    public static string Serialize(XrayReport report) =>
        JsonSerializer.Serialize(report, XrayJsonContext.Default.XrayReport);

    public static async Task WriteAsync(XrayReport report, Stream destination, CancellationToken cancellationToken = default) =>
        await JsonSerializer.SerializeAsync(destination, report, XrayJsonContext.Default.XrayReport, cancellationToken).ConfigureAwait(false);

    /// <summary>Parses a report; null when the JSON is not one (no <c>"kind": "slim.xray/v1"</c>).</summary>
    public static XrayReport? Deserialize(string json)
    {
        using (var document = JsonDocument.Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("kind", out var kind)
                || kind.ValueKind != JsonValueKind.String
                || kind.GetString() != XrayReport.CurrentKind)
            {
                return null;
            }
        }

        return JsonSerializer.Deserialize(json, XrayJsonContext.Default.XrayReport);
    }
}
