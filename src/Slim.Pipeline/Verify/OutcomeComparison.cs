using Slim.Engine.Containers;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Sensor;

namespace Slim.Pipeline.Verify;

/// <summary>
/// Compares what the slim image did under the probes with what the original did. Any difference in a status, an exit
/// code, a body or an output fails, unless the original itself answers differently from run to run: then only what
/// stays the same between its two runs must match (<see cref="OutputComparison"/>).
/// </summary>
internal static class OutcomeComparison
{
    /// <summary>
    /// True when the slim image's answers differ from the original's only where a second run of the original could
    /// show the difference to be noise (same status or exit code, other bytes): worth running the original again.
    /// </summary>
    public static bool NeedsSecondLook(ProbeOutcome original, ProbeOutcome slim, ContinueAfterKind mode)
    {
        var answers = Index(slim.Http);
        var bodies = original.Http.Any(e => answers.TryGetValue(Key(e), out var a) && a.Status == e.Status && a.BodySha256 != e.BodySha256);
        var execs = original.Exec.Zip(slim.Exec).Any(p => p.First.ExitCode == p.Second.ExitCode && !p.First.Stdout.SameBytes(p.Second.Stdout));
        var output = mode == ContinueAfterKind.Exit && slim.ExitCode == original.ExitCode && !slim.Stdout.SameBytes(original.Stdout);
        return bodies || execs || output || HostCommandComparison.NeedsSecondLook(original.HostExec, slim.HostExec);
    }

    /// <param name="originalAgain">A second, untraced run of the original, made when the answers differ; tells noise from change.</param>
    public static (List<string> Failures, List<string> Warnings) Compare(ProbeOutcome original, ProbeOutcome slim, ContinueAfterKind mode, ProbeOutcome? originalAgain = null)
    {
        var failures = new List<string>();
        var warnings = new List<string>();
        var answers = Index(slim.Http);
        var again = originalAgain is null ? null : Index(originalAgain.Http);
        foreach (var expected in original.Http)
        {
            var label = $"{expected.Method} {expected.Path} (port {expected.Port})";
            // Ports are container ports, the same in both runs whatever the engine published them on.
            if (!answers.TryGetValue(Key(expected), out var actual))
            {
                failures.Add($"{label}: asked of the original, never answered by the slim image");
            }
            else if (actual.Status != expected.Status)
            {
                failures.Add($"{label}: status {Show(actual.Status)}, the original gave {Show(expected.Status)}");
            }
            else if (actual.BodySha256 != expected.BodySha256)
            {
                var second = again is not null && again.TryGetValue(Key(expected), out var a) ? a : null;
                Add(CompareBodies(label, expected, second, actual), failures, warnings);
            }
        }

        foreach (var port in slim.UnansweredPorts.Except(original.UnansweredPorts))
        {
            failures.Add($"port {port} never answered in the slim image");
        }

        for (var i = 0; i < original.Exec.Count; i++)
        {
            var expected = original.Exec[i];
            var actual = i < slim.Exec.Count ? slim.Exec[i] : null;
            var label = $"exec `{string.Join(' ', expected.Command.TakeLast(1))}`";
            if (actual is null)
            {
                failures.Add($"{label}: not run in the slim image");
            }
            else if (actual.ExitCode != expected.ExitCode)
            {
                failures.Add($"{label}: exit {actual.ExitCode}, the original gave {expected.ExitCode}{LastWords(actual)}");
            }
            else if (!actual.Stdout.SameBytes(expected.Stdout))
            {
                var second = originalAgain is not null && i < originalAgain.Exec.Count ? originalAgain.Exec[i].Stdout : expected.Stdout;
                Add(OutputComparison.Compare(expected.Stdout, second, actual.Stdout, $"{label}: output"), failures, warnings);
            }
        }

        HostCommandComparison.Compare(original.HostExec, slim.HostExec, originalAgain?.HostExec, failures, warnings);

        if (mode == ContinueAfterKind.Exit)
        {
            if (slim.ExitCode != original.ExitCode)
            {
                failures.Add($"the app exited {Show(slim.ExitCode)}, the original {Show(original.ExitCode)}");
            }
            else if (!slim.Stdout.SameBytes(original.Stdout))
            {
                Add(OutputComparison.Compare(original.Stdout, originalAgain?.Stdout ?? original.Stdout, slim.Stdout), failures, warnings);
            }
        }

        return (failures, warnings);
    }

    /// <summary>Bodies of one request: a steady original must be matched byte for byte; a noisy one line by line where it is steady.</summary>
    private static (string? Failure, string? Warning) CompareBodies(string label, HttpProbeResult expected, HttpProbeResult? again, HttpProbeResult actual)
    {
        if (again is not null && again.BodySha256 == actual.BodySha256)
        {
            return (null, null);
        }

        var whole = expected.BodyBytes <= HttpProbeResult.HeadBytes && actual.BodyBytes <= HttpProbeResult.HeadBytes;
        if (whole && expected.BodyHead is { } head && actual.BodyHead is { } slimHead && OutputComparison.SameJson(head, slimHead))
        {
            return (null, null);
        }

        var noisy = again is not null && again.Status == expected.Status && again.BodySha256 != expected.BodySha256;
        var complete = expected.BodyBytes <= HttpProbeResult.HeadBytes && actual.BodyBytes <= HttpProbeResult.HeadBytes
            && (again is null || again.BodyBytes <= HttpProbeResult.HeadBytes);
        if (expected.BodyHead is null || actual.BodyHead is null || (noisy && again!.BodyHead is null))
        {
            return noisy
                ? (null, $"{label}: body differs, as it does between two runs of the original")
                : ($"{label}: body differs ({actual.BodyBytes} bytes, the original {expected.BodyBytes})", null);
        }

        var (failure, warning) = OutputComparison.Compare(expected.BodyHead, noisy ? again!.BodyHead! : expected.BodyHead, actual.BodyHead, $"{label}: body");
        if (failure is null && warning is null && !noisy)
        {
            // The first 64 KiB agree, the rest does not.
            failure = $"{label}: body differs after its first {HttpProbeResult.HeadBytes / 1024} KiB ({actual.BodyBytes} bytes, the original {expected.BodyBytes})";
        }
        else if (failure is null && !complete)
        {
            warning = $"{label}: body compared in its first {HttpProbeResult.HeadBytes / 1024} KiB only, where it differs as between two runs of the original";
        }

        return (failure, warning);
    }

    private static void Add((string? Failure, string? Warning) result, List<string> failures, List<string> warnings)
    {
        if (result.Failure is { } failure)
        {
            failures.Add(failure);
        }

        if (result.Warning is { } warning)
        {
            warnings.Add(warning);
        }
    }

    private static (string, string, int) Key(HttpProbeResult result) => (result.Method, result.Path, result.Port);

    private static Dictionary<(string, string, int), HttpProbeResult> Index(IReadOnlyList<HttpProbeResult> results) =>
        results.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());

    private static string LastWords(ExecResult result)
    {
        var line = result.Stderr.LastLine() ?? result.Stdout.LastLine();
        return line is null ? "" : $" ({(line.Length <= 80 ? line : line[..77] + "...")})";
    }

    private static string Show(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing";

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer";
}
