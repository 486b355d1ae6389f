using Slim.Pipeline.Report;
using Slim.Trace;

namespace Slim.Pipeline.Stages;

/// <summary>
/// The report of what the build did, and the files: the seccomp profile, the trace and the report come last, together,
/// so a cancelled or failed build leaves none of them behind.
/// </summary>
internal sealed class ReportStage : IBuildStage
{
    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var target = context.RequireTarget();
        var sensor = context.RequireSensor();
        var profile = context.Profile ?? throw new InvalidOperationException("the report needs the seccomp stage");
        context.Durations["total"] = context.Total.Elapsed.TotalSeconds;
        var reportPath = Path.GetFullPath(request.ReportPath ?? "slim.report.json");
        context.Artifacts["report"] = reportPath;
        var main = sensor.Reports[0];
        var result = context.Result;
        if (request.HardeningOut is { } hardeningOut && context.Hardening is { } hardening)
        {
            var written = await Hardening.HardeningFiles.WriteAsync(hardeningOut, hardening, context.SlimName!, profile, cancellationToken).ConfigureAwait(false);
            context.Artifacts["hardening"] = Path.GetDirectoryName(written[0])!;
        }

        var report = new BuildReport
        {
            Command = request.ProfileOnly ? "profile" : "build",
            Target = new ImageSummary(request.Target.Text, target.Id, null, target.Size, context.TargetFiles),
            Result = result,
            Ratio = result is { Size: > 0 } ? Math.Round((double)target.Size / result.Size, 2) : null,
            Selection = context.SelectionSummary,
            Syscalls = new SyscallSummary(context.Traced.Count, profile.Syscalls.Sum(s => s.Names.Count), profile.Syscalls.SelectMany(s => s.Names).ToList()),
            Probes = new ProbeSummary(
                sensor.ContinueAfter.ToString(),
                sensor.Command,
                sensor.Outcome.Http,
                sensor.Outcome.Exec,
                sensor.Outcome.UnansweredPorts,
                sensor.Outcome.ExitCode,
                sensor.Reports.Sum(r => r.Processes.Count),
                sensor.Reports.Sum(r => r.Files.Count),
                main.Fanotify.Active,
                sensor.Reports.SelectMany(r => r.Errors).Select(e => e.Message).Distinct(StringComparer.Ordinal).Take(20).ToList()),
            Verification = context.Verification,
            Repair = context.Repairs,
            VerificationSkipped = context.Verification is null ? context.VerificationSkipped : null,
            Hardening = context.Hardening,
            HardeningSkipped = context.Hardening is null && !request.ProfileOnly ? context.HardeningSkipped : null,
            DurationsSeconds = new SortedDictionary<string, double>(context.Durations, StringComparer.Ordinal),
            Artifacts = context.Artifacts,
        };
        await WriteAtomicallyAsync(context.SeccompPath!, context.ProfileJson!, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(context.TracePath!, TraceReportJson.ToJson(main), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(reportPath, System.Text.Json.JsonSerializer.Serialize(report, BuildReportJsonContext.Default.BuildReport), cancellationToken).ConfigureAwait(false);
        context.Report = report;
    }

    /// <summary>Writes to a temporary file beside the target, then renames: no half-written artifact on Ctrl-C.</summary>
    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await File.WriteAllTextAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
