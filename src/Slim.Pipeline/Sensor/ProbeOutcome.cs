using Slim.Engine.Containers;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Sensor;

/// <summary>What exercising the app observed: HTTP requests, exec commands, host commands, the app's exit and output (bounded).</summary>
public sealed record ProbeOutcome(
    IReadOnlyList<HttpProbeResult> Http,
    IReadOnlyList<ExecResult> Exec,
    IReadOnlyList<string> UnansweredPorts,
    long? ExitCode,
    CapturedOutput Stdout,
    CapturedOutput Stderr)
{
    /// <summary>The `--host-exec` commands run on the host, in order; a run stops at the first that fails.</summary>
    public IReadOnlyList<HostCommandResult> HostExec { get; init; } = [];

    /// <summary>Ports that accept connections but do not speak HTTP (a database, a queue): neither a failure nor waited for.</summary>
    public IReadOnlyList<string> TcpPorts { get; init; } = [];
}
