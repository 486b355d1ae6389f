using System.Text.Json;
using Slim.Analysis.Xray;

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

        using var document = ParseJson(path);
        var root = document.RootElement;
        if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == XrayReport.CurrentKind)
        {
            var report = XrayJson.Deserialize(root.GetRawText())!;
            return (report.ImageSize, $"xray report {path} ({report.Image})");
        }

        if (root.TryGetProperty("result", out var result) && Summary(result) is var (slimRef, slimSize))
        {
            return (slimSize, $"slim report {path} (slim image {slimRef}, engine size)");
        }

        if (root.TryGetProperty("target", out var target) && Summary(target) is var (targetRef, targetSize))
        {
            return (targetSize, $"slim report {path} (target image {targetRef}, engine size)");
        }

        throw new GateInputException($"{path} is neither an xray report (slim xray --json) nor a slim.report.json");
    }

    /// <summary>The ratio of a <c>slim.report.json</c>: its <c>ratio</c>, else the target's size over the slim image's.</summary>
    public static (double Ratio, string Source) ReadSlimRatio(string path)
    {
        if (!File.Exists(path))
        {
            throw new GateInputException($"the slim report {path} does not exist (slim build writes slim.report.json)");
        }

        using var document = ParseJson(path);
        var root = document.RootElement;
        if (root.TryGetProperty("ratio", out var ratio) && ratio.ValueKind == JsonValueKind.Number)
        {
            return (ratio.GetDouble(), $"slim report {path}");
        }

        if (root.TryGetProperty("target", out var target) && Summary(target) is var (_, targetSize)
            && root.TryGetProperty("result", out var result) && Summary(result) is var (_, slimSize) && slimSize > 0)
        {
            return ((double)targetSize / slimSize, $"slim report {path}");
        }

        throw new GateInputException($"{path} holds no slim build result (no ratio, no result image): is it a slim build report?");
    }

    private static (string Reference, long Size)? Summary(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number
            ? (element.TryGetProperty("reference", out var reference) ? reference.GetString() ?? "?" : "?", size.GetInt64())
            : null;

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
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
