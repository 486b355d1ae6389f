namespace Slim.Analysis.Gate;

/// <summary>How one rule fared: the measured value against the limit, as numbers and as people read them.</summary>
public sealed record GateOutcome(
    string Rule,
    GateRuleKind Kind,
    bool Passed,
    double Measured,
    double Limit,
    string MeasuredText,
    string LimitText,
    string Origin)
{
    /// <summary>The line a person reads: <c>PASS  max-size  measured 35.2 MiB (36912345 bytes), limit at most 38.1 MiB (40000000 bytes)</c>.</summary>
    public string Describe() => $"{(Passed ? "PASS" : "FAIL")}  {Rule}  measured {MeasuredText}, limit {LimitText}";
}

/// <summary>The verdict of <c>slim gate</c>: every rule's outcome; it passes when all do.</summary>
public sealed record GateResult
{
    public const string CurrentKind = "slim.gate/v1";

    public string Kind { get; init; } = CurrentKind;

    /// <summary>The image the rules were checked on, when an image was analysed.</summary>
    public string? Image { get; init; }

    public required bool Passed { get; init; }

    public required IReadOnlyList<GateOutcome> Outcomes { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
