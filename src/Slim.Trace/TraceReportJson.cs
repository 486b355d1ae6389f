using System.Text.Json;

namespace Slim.Trace;

/// <summary>Reads and writes <see cref="TraceReport"/> documents.</summary>
public static class TraceReportJson
{
    public static void Write(Stream destination, TraceReport report) =>
        JsonSerializer.Serialize(destination, report, TraceReportJsonContext.Default.TraceReport);

    public static string ToJson(TraceReport report) =>
        JsonSerializer.Serialize(report, TraceReportJsonContext.Default.TraceReport);

    /// <summary>Parses a report; rejects documents of another version rather than misreading them.</summary>
    public static TraceReport Read(Stream source)
    {
        var report = JsonSerializer.Deserialize(source, TraceReportJsonContext.Default.TraceReport)
            ?? throw new InvalidDataException("the trace report is empty (null)");
        return Validate(report);
    }

    public static TraceReport Parse(string json)
    {
        var report = JsonSerializer.Deserialize(json, TraceReportJsonContext.Default.TraceReport)
            ?? throw new InvalidDataException("the trace report is empty (null)");
        return Validate(report);
    }

    private static TraceReport Validate(TraceReport report) =>
        report.Version == TraceReport.CurrentVersion
            ? report
            : throw new InvalidDataException(
                $"trace report version {report.Version} is not supported (this build reads version {TraceReport.CurrentVersion})");
}
