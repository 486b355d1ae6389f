using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Verify;

/// <summary>
/// The `--host-exec` commands against the slim image, compared with their run against the original: the same exit
/// code, and the same output where the original's own two runs agree (<see cref="OutputComparison"/>'s noise rule).
/// </summary>
internal static class HostCommandComparison
{
    /// <summary>Same exit codes, other output: a second run of the original can tell noise from change.</summary>
    public static bool NeedsSecondLook(IReadOnlyList<HostCommandResult> original, IReadOnlyList<HostCommandResult> slim) =>
        original.Zip(slim).Any(p => p.First.ExitCode == p.Second.ExitCode && p.First.Stdout != p.Second.Stdout);

    public static void Compare(
        IReadOnlyList<HostCommandResult> original, IReadOnlyList<HostCommandResult> slim, IReadOnlyList<HostCommandResult>? originalAgain, List<string> failures, List<string> warnings)
    {
        for (var i = 0; i < original.Count; i++)
        {
            var expected = original[i];
            var label = $"host command `{expected.Command}`";
            if (i >= slim.Count)
            {
                failures.Add($"{label}: not run against the slim image (an earlier one failed, or the app stopped)");
                break;
            }

            var actual = slim[i];
            if (actual.ExitCode != expected.ExitCode)
            {
                failures.Add($"{label}: exit {Show(actual.ExitCode)}, against the original {Show(expected.ExitCode)}{(actual.LastLine is { } line ? $" ({Clip(line)})" : "")}");
                continue;
            }

            if (actual.Stdout != expected.Stdout)
            {
                var second = originalAgain is not null && i < originalAgain.Count ? originalAgain[i].Stdout : expected.Stdout;
                var (failure, warning) = OutputComparison.Compare(expected.Stdout, second, actual.Stdout, $"{label}: output");
                if (failure is not null)
                {
                    failures.Add(failure);
                }

                if (warning is not null)
                {
                    warnings.Add(warning);
                }
            }
        }
    }

    private static string Show(int? code) => code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (killed at its time limit)";

    private static string Clip(string line) => line.Length <= 100 ? line : line[..97] + "...";
}
