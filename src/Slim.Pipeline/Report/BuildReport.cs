using Slim.Engine.Containers;
using Slim.Pipeline.Hardening;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Selection;
using Slim.Trace;

namespace Slim.Pipeline.Report;

/// <summary>
/// slim.report.json: what `slim build` or `slim profile` did, for machines (CI gates, dashboards). Its first fields
/// (command, images, ratio) are the <see cref="BuildReportSummary"/> contract that the gate reads back.
/// </summary>
public sealed record BuildReport : BuildReportSummary
{
    public SelectionSummary? Selection { get; init; }

    /// <summary>The original's packages and what the slim image keeps of them; null for `slim profile`.</summary>
    public PackageSummary? Packages { get; init; }

    public required SyscallSummary Syscalls { get; init; }

    public required ProbeSummary Probes { get; init; }

    /// <summary>Where the target came from when it was a Compose service, and what ran beside it; null otherwise.</summary>
    public ComposeSummary? Compose { get; init; }

    public VerificationResult? Verification { get; init; }

    /// <summary>The repair rounds run after a failed verification, in order; empty when the first verification passed.</summary>
    public IReadOnlyList<RepairRound> Repair { get; init; } = [];

    /// <summary>Why the slim image was not verified, when it was not.</summary>
    public string? VerificationSkipped { get; init; }

    /// <summary>The run settings proved for the slim image (step 9); null when they were not looked for.</summary>
    public HardeningReport? Hardening { get; init; }

    /// <summary>Why no hardening was proved, when it was not.</summary>
    public string? HardeningSkipped { get; init; }

    public required IReadOnlyDictionary<string, double> DurationsSeconds { get; init; }

    public required IReadOnlyDictionary<string, string> Artifacts { get; init; }
}

/// <param name="TracedBytes">The size floor: bytes of the distinct regular files the trace itself names (no parents, links or libraries found by slim).</param>
public sealed record SelectionSummary(
    int Kept,
    long TracedBytes,
    IReadOnlyDictionary<string, int> ByReason,
    IReadOnlyList<string> Excluded,
    IReadOnlyList<CutDirectory> CutDirectories,
    string ListedDirectories);

public sealed record SyscallSummary(int Traced, int Allowed, IReadOnlyList<string> Names);

public sealed record ProbeSummary(
    string ContinueAfter,
    IReadOnlyList<string> Command,
    IReadOnlyList<HttpProbeResult> Http,
    IReadOnlyList<ExecResult> Exec,
    IReadOnlyList<string> UnansweredPorts,
    long? ExitCode,
    int Processes,
    int FilesTraced,
    bool FanotifyActive,
    IReadOnlyList<string> TracerErrors)
{
    /// <summary>The `--host-exec` commands and how they ended.</summary>
    public IReadOnlyList<HostCommandResult> HostExec { get; init; } = [];

    /// <summary>Ports that accept connections but do not speak HTTP, recorded as `tcp`.</summary>
    public IReadOnlyList<string> TcpPorts { get; init; } = [];
}
