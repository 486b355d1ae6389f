using System.Text.Json;
using Slim.Analysis.Xray;
using Slim.Trace;

namespace Slim.Analysis.Gate;

/// <summary>What the rules are checked against: the analysed image, a baseline size, a slim build's ratio.</summary>
public sealed record GateMeasurements
{
    public XrayReport? Image { get; init; }

    /// <summary>The baseline's size in bytes, and what it was taken from (for messages).</summary>
    public (long Size, string Source)? Baseline { get; init; }

    /// <summary>A slim build's original-to-slim size ratio, and the report it came from.</summary>
    public (double Ratio, string Source)? SlimRatio { get; init; }

    /// <summary>
    /// A baseline from a file: an xray JSON report (its image size) or a <c>slim.report.json</c> (the slim image's size
    /// when the report has one, else the target's). Null when <paramref name="path"/> is not a file, so the caller can try
    /// it as an image reference.
    /// </summary>
    public static (long Size, string Source)? ReadBaselineFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = ReadJson(path);
        XrayReport? xray;
        try
        {
            xray = XrayJson.Deserialize(text);
        }
        catch (JsonException e)
        {
            throw new GateInputException($"--baseline {path} says it is an xray report but its fields are not ({e.Path}); write it again with slim xray --json", e);
        }

        if (xray is not null)
        {
            return (xray.ImageSize, $"xray report {path} ({xray.Image})");
        }

        var report = TryReadBuildReport(text) is { Target: not null } read ? read
            : throw new GateInputException($"--baseline {path} is neither an xray report (slim xray --json) nor a slim.report.json (slim build)");
        return report.Result is { } result
            ? (result.Size, $"slim report {path} (slim image {result.Reference}, engine size)")
            : (report.Target.Size, $"slim report {path} (target image {report.Target.Reference}, engine size)");
    }

    /// <summary>The ratio of a <c>slim.report.json</c>: its <c>ratio</c>, else the target's size over the slim image's.</summary>
    public static (double Ratio, string Source) ReadSlimRatio(string path)
    {
        if (!File.Exists(path))
        {
            throw new GateInputException($"the slim report {path} does not exist (slim build writes slim.report.json)");
        }

        var report = TryReadBuildReport(ReadJson(path));
        if (report?.Ratio is { } ratio)
        {
            return (ratio, $"slim report {path}");
        }

        if (report?.Result is { Size: > 0 } result)
        {
            return ((double)report.Target.Size / result.Size, $"slim report {path}");
        }

        throw new GateInputException($"{path} holds no slim build result (no ratio, no result image): is it a slim build report?");
    }

    /// <summary>The build report's summary; null when the (valid) JSON is not a build report.</summary>
    private static BuildReportSummary? TryReadBuildReport(string json)
    {
        try
        {
            return BuildReportSummaryJson.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file's text, checked to be JSON: a broken file is reported as such, not as the wrong kind of report.</summary>
    private static string ReadJson(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            using (JsonDocument.Parse(text))
            {
                return text;
            }
        }
        catch (JsonException e)
        {
            throw new GateInputException($"{path} is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GateInputException($"cannot read {path}: {e.Message}", e);
        }
    }
}
