namespace Slim.Pipeline.Probes;

/// <summary>
/// What one `--host-exec` command did on the machine slim runs on: its exit code (null when it was killed at its time
/// limit) and the last <see cref="HostCommandRunner.OutputLimit"/> characters of each stream.
/// </summary>
public sealed record HostCommandResult(string Command, int? ExitCode, string Stdout, string Stderr, double Milliseconds)
{
    /// <summary>True when the output kept is only its end.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>The last non-empty line it printed, stderr first (where failures are told), for a one-line message.</summary>
    public string? LastLine => LastOf(Stderr) ?? LastOf(Stdout);

    private static string? LastOf(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
