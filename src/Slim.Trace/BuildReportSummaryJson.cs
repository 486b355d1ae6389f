using System.Text.Json;

namespace Slim.Trace;

/// <summary>Reads the <see cref="BuildReportSummary"/> of a slim.report.json (the rest of the document is skipped).</summary>
public static class BuildReportSummaryJson
{
    /// <exception cref="JsonException">The text is not JSON, or lacks the summary's required fields.</exception>
    public static BuildReportSummary Parse(string json) =>
        JsonSerializer.Deserialize(json, BuildReportSummaryJsonContext.Default.BuildReportSummary)
        ?? throw new JsonException("the build report is empty (null)");
}
