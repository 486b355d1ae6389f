using Slim.Cli.Containers;
using Slim.Cli.Probes;

namespace Slim.Cli.Sensor;

/// <summary>What exercising the app observed: HTTP requests, exec commands, the app's exit and output.</summary>
public sealed record ProbeOutcome(
    IReadOnlyList<HttpProbeResult> Http,
    IReadOnlyList<ExecResult> Exec,
    IReadOnlyList<string> UnansweredPorts,
    long? ExitCode,
    string Stdout,
    string Stderr);
