using System.Globalization;
using Slim.Analysis.Xray;

namespace Slim.Analysis.Gate;

/// <summary>Checks rules against measurements. A rule whose input is missing is bad input, never a silent pass.</summary>
public static class GateEvaluator
{
    public static GateResult Evaluate(IReadOnlyList<GateRule> rules, GateMeasurements measurements, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(measurements);
        if (rules.Count == 0)
        {
            throw new GateInputException("no rules to check: give --max-size, --max-growth, --min-efficiency, --max-wasted-bytes, --max-wasted-percent, --min-slim-ratio or --rules FILE");
        }

        var outcomes = rules.Select(rule => Check(rule, measurements)).ToList();
        return new GateResult
        {
            Image = measurements.Image?.Image,
            Passed = outcomes.All(o => o.Passed),
            Outcomes = outcomes,
            Timestamp = now ?? DateTimeOffset.UtcNow,
        };
    }

    private static GateOutcome Check(GateRule rule, GateMeasurements m)
    {
        var image = rule.NeedsImage
            ? m.Image ?? throw new GateInputException($"rule {rule.Name} needs an image: give --target (or --xray with an xray report)")
            : null;
        switch (rule.Kind)
        {
            case GateRuleKind.MaxSize:
                return AtMost(rule, image!.ImageSize, Bytes(image.ImageSize), Bytes((long)rule.Limit));
            case GateRuleKind.MaxGrowthBytes:
            case GateRuleKind.MaxGrowthPercent:
                var (baseline, source) = m.Baseline ?? throw new GateInputException($"rule {rule.Name} needs a baseline: give --baseline (an earlier slim.report.json, an xray JSON or an image)");
                var growth = image!.ImageSize - baseline;
                var from = $"from {ByteSize.Format(baseline)} in {source} to {ByteSize.Format(image.ImageSize)}";
                if (rule.Kind == GateRuleKind.MaxGrowthBytes)
                {
                    return AtMost(rule, growth, $"{Signed(growth)} ({from})", Bytes((long)rule.Limit));
                }

                var percent = baseline == 0 ? (growth == 0 ? 0 : double.PositiveInfinity) : growth * 100.0 / baseline;
                return AtMost(rule, percent, $"{Percent(percent, signed: true)} ({Signed(growth)}, {from})", Percent(rule.Limit));
            case GateRuleKind.MinEfficiency:
                return AtLeast(rule, image!.Efficiency, Percent(image.Efficiency * 100), Percent(rule.Limit * 100));
            case GateRuleKind.MaxWastedBytes:
                return AtMost(rule, image!.WastedBytes, Bytes(image.WastedBytes), Bytes((long)rule.Limit));
            case GateRuleKind.MaxWastedPercent:
                return AtMost(rule, image!.UserWastedPercent, Percent(image.UserWastedPercent) + " of the layers above the first", Percent(rule.Limit));
            case GateRuleKind.MinSlimRatio:
                var (ratio, report) = m.SlimRatio ?? throw new GateInputException($"rule {rule.Name} needs a slim build report: give --report slim.report.json");
                return AtLeast(rule, ratio, $"{ratio.ToString("0.##", CultureInfo.InvariantCulture)}x ({report})", rule.Limit.ToString("0.##", CultureInfo.InvariantCulture) + "x");
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "unknown rule kind");
        }
    }

    private static GateOutcome AtMost(GateRule rule, double measured, string measuredText, string limitText) =>
        new(rule.Name, rule.Kind, measured <= rule.Limit, measured, rule.Limit, measuredText, "at most " + limitText, rule.Origin);

    private static GateOutcome AtLeast(GateRule rule, double measured, string measuredText, string limitText) =>
        new(rule.Name, rule.Kind, measured >= rule.Limit, measured, rule.Limit, measuredText, "at least " + limitText, rule.Origin);

    private static string Bytes(long bytes) => $"{ByteSize.Format(bytes)} ({bytes.ToString(CultureInfo.InvariantCulture)} bytes)";

    private static string Signed(long bytes) => (bytes >= 0 ? "+" : "") + Bytes(bytes);

    private static string Percent(double value, bool signed = false) =>
        double.IsPositiveInfinity(value) ? "+inf %" : (signed && value >= 0 ? "+" : "") + value.ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
