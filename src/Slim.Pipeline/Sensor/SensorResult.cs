using Slim.Trace;

namespace Slim.Pipeline.Sensor;

/// <summary>What the sensor run learned: the trace reports (the main command's first, then each exec's) and the probes' outcome.</summary>
public sealed record SensorResult(
    IReadOnlyList<TraceReport> Reports,
    ProbeOutcome Outcome,
    ContinueAfter ContinueAfter,
    IReadOnlyList<string> Command,
    TimeSpan Duration);
