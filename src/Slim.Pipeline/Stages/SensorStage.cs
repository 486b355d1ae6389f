using System.Diagnostics;
using Slim.Pipeline.Sensor;
using Slim.Rebuild.Selection;

namespace Slim.Pipeline.Stages;

/// <summary>Traces the app while the probes exercise it (DESIGN.md steps 2 to 4), and refuses a run where the app never came up.</summary>
internal sealed class SensorStage : IBuildStage
{
    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sensor = await new SensorRun(context.Engine, context.Bundle, d => context.Progress("sensor", d))
            .RunAsync(context.Request.Sensor, cancellationToken).ConfigureAwait(false);
        context.AddDuration("sensor", clock.Elapsed);
        EnsureTheAppRan(context.Request.Target.Text, sensor, context.Request.Sensor.HttpProbeExitOnFailure);
        context.Sensor = sensor;
        context.Wanted = WantedKeys(sensor);
    }

    /// <summary>Index keys (no leading slash) of every path the trace names, and the loader's cache: the files selection will read.</summary>
    private static HashSet<string> WantedKeys(SensorResult sensor)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "etc/ld.so.cache" };
        foreach (var file in sensor.Reports.SelectMany(r => r.Files))
        {
            keys.Add(ImageTree.ToKey(file.Path));
            if (file.Target is { } resolved)
            {
                keys.Add(ImageTree.ToKey(resolved));
            }
        }

        return keys;
    }

    /// <summary>A slim image built from a run where the app never came up would be built on nothing: refuse.</summary>
    private static void EnsureTheAppRan(string target, SensorResult sensor, bool exitOnProbeFailure)
    {
        var outcome = sensor.Outcome;
        // The team's own test failed against the original: there is nothing right to make a slim image of.
        if (outcome.HostExec.FirstOrDefault(h => h.ExitCode != 0) is { } failed)
        {
            var code = failed.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (killed at its time limit)";
            throw new BuildException($"host command `{failed.Command}` exited {code} against {target}{(failed.LastLine is { } line ? ": " + line : "")}");
        }

        if (exitOnProbeFailure && sensor.ContinueAfter.Kind == ContinueAfterKind.Probe && outcome.Http.Count == 0 && outcome.TcpPorts.Count == 0 && outcome.HostExec.Count == 0 && outcome.UnansweredPorts.Count > 0)
        {
            var lastLine = (outcome.Stderr.Text + "\n" + outcome.Stdout.Text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => !l.StartsWith("slim-tracer", StringComparison.Ordinal));
            throw new BuildException($"{target} never answered on {string.Join(", ", outcome.UnansweredPorts)} (app exit code {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none: still running"}){(lastLine is null ? "" : $"; its last words: {lastLine}")}");
        }

        if (sensor.Reports[0].Processes.Count == 0)
        {
            throw new BuildException($"the tracer saw no process start in {target}; see the container log with --keep-sensor");
        }
    }
}
