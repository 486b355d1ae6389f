using Slim.Engine.Containers;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Verify;

/// <summary>
/// The slim image run through the same probes as the original, with the generated seccomp profile:
/// <see cref="Passed"/> when every status, exit code and output matched; differences that do not fail
/// the check (a body of another size) are listed as warnings.
/// </summary>
public sealed record VerificationResult(
    bool Passed,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<HttpProbeResult> Http,
    IReadOnlyList<ExecResult> Exec,
    long? ExitCode,
    bool WithSeccompProfile)
{
    /// <summary>The `--host-exec` commands as they ran against the slim image.</summary>
    public IReadOnlyList<HostCommandResult> HostExec { get; init; } = [];
}
