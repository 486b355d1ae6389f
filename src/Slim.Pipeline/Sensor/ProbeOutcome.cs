using Slim.Engine.Containers;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Sensor;

/// <summary>What exercising the app observed: HTTP requests, exec commands, host commands, the app's exit and output (bounded).</summary>
public sealed record ProbeOutcome(
    IReadOnlyList<HttpProbeResult> Http,
    IReadOnlyList<ExecResult> Exec,
    IReadOnlyList<string> UnansweredPorts,
    long? ExitCode,
/// <summary>What exercising the app observed: HTTP requests, exec commands, host commands, the app's exit and output (bounded).</summary>
