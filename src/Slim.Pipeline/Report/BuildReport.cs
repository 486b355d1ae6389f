using Slim.Engine.Containers;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Selection;

namespace Slim.Pipeline.Report;

/// <summary>slim.report.json: what `slim build` or `slim profile` did, for machines (CI gates, dashboards).</summary>
public sealed record BuildReport
{
    public int Version { get; init; } = 1;

    public required string Command { get; init; }

    public required ImageSummary Target { get; init; }

    public ImageSummary? Result { get; init; }

    /// <summary>Original size divided by slim size (how many times smaller).</summary>
    public double? Ratio { get; init; }

    public SelectionSummary? Selection { get; init; }

    public required SyscallSummary Syscalls { get; init; }

    public required ProbeSummary Probes { get; init; }

    public VerificationResult? Verification { get; init; }

    /// <summary>The repair rounds run after a failed verification, in order; empty when the first verification passed.</summary>
    public IReadOnlyList<RepairRound> Repair { get; init; } = [];

    /// <summary>Why the slim image was not verified, when it was not.</summary>
    public string? VerificationSkipped { get; init; }

    public required IReadOnlyDictionary<string, double> DurationsSeconds { get; init; }

    public required IReadOnlyDictionary<string, string> Artifacts { get; init; }
}

/// <summary>An image as the report names it: reference, ID (config digest), size in bytes, file count.</summary>
public sealed record ImageSummary(string Reference, string? Id, string? ManifestDigest, long Size, int Files);

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
    IReadOnlyList<string> TracerErrors);
