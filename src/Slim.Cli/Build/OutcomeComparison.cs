using Slim.Cli.Sensor;

namespace Slim.Cli.Build;

/// <summary>Compares what the slim image did under the probes with what the original did.</summary>
internal static class OutcomeComparison
{
    /// <param name="originalAgain">A second, untraced run of the original in exit mode, made when the outputs differ; tells noise from change.</param>
    public static (List<string> Failures, List<string> Warnings) Compare(ProbeOutcome original, ProbeOutcome slim, ContinueAfterKind mode, ProbeOutcome? originalAgain = null)
    {
        var failures = new List<string>();
        var warnings = new List<string>();
        var answers = slim.Http
            .GroupBy(r => (r.Method, r.Path, r.Port))
            .ToDictionary(g => g.Key, g => g.First());
        foreach (var expected in original.Http)
        {
            var label = $"{expected.Method} {expected.Path} (port {expected.Port})";
            // Ports are container ports, the same in both runs whatever the engine published them on.
            if (!answers.TryGetValue((expected.Method, expected.Path, expected.Port), out var actual))
            {
                failures.Add($"{label}: asked of the original, never answered by the slim image");
            }
            else if (actual.Status != expected.Status)
            {
                failures.Add($"{label}: status {Show(actual.Status)}, the original gave {Show(expected.Status)}");
            }
            else if (actual.BodySha256 != expected.BodySha256)
            {
                warnings.Add($"{label}: body differs ({actual.BodyBytes} bytes, the original {expected.BodyBytes})");
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
                failures.Add($"{label}: exit {actual.ExitCode}, the original gave {expected.ExitCode}");
            }
            else if (actual.Stdout != expected.Stdout)
            {
                warnings.Add($"{label}: output differs");
            }
        }

        if (mode == ContinueAfterKind.Exit)
        {
            if (slim.ExitCode != original.ExitCode)
            {
                failures.Add($"the app exited {Show(slim.ExitCode)}, the original {Show(original.ExitCode)}");
            }

            if (slim.Stdout != original.Stdout && originalAgain is null)
            {
                failures.Add($"the app printed {slim.Stdout.Length} characters, the original {original.Stdout.Length}: output differs");
            }
            else if (originalAgain is not null)
            {
                var (failure, warning) = OutputComparison.Compare(original.Stdout, originalAgain.Stdout, slim.Stdout);
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

        return (failures, warnings);
    }

    private static string Show(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing";

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer";
}
