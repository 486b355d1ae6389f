using Slim.Pipeline.Report;
using Slim.Rebuild.Packages;
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
            Packages = Summarize(context.Packages, request.KeepPackageDatabase),
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
                sensor.Reports.SelectMany(r => r.Errors).Select(e => e.Message).Distinct(StringComparer.Ordinal).Take(20).ToList())
            {
                HostExec = sensor.Outcome.HostExec,
                TcpPorts = sensor.Outcome.TcpPorts,
            },
            Compose = ComposeSummary.Of(request.Sensor.Compose),
            Verification = context.Verification,
            Repair = context.Repairs,
            VerificationSkipped = context.Verification is null ? context.VerificationSkipped : null,
            Hardening = context.Hardening,
            HardeningSkipped = context.Hardening is null && !request.ProfileOnly ? context.HardeningSkipped : null,
            DurationsSeconds = new SortedDictionary<string, double>(context.Durations, StringComparer.Ordinal),
            Artifacts = context.Artifacts,
        };
        string? sbom = null;
        if (result is not null && context is { Packages: { } packages, Tree: { } tree, Selection: { } selection, Spool: { } spool })
        {
            var sbomPath = Path.GetFullPath(request.SbomPath ?? SbomBesideReport(reportPath));
            context.Artifacts["sbom"] = sbomPath;
            var bom = await SbomBuilder.BuildAsync(result, target.Id, packages, tree, selection, context.Source!, context.Image!, spool, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            sbom = SbomBuilder.ToJson(bom);
        }

        await AtomicFile.WriteAllTextAsync(context.SeccompPath!, context.ProfileJson!, cancellationToken).ConfigureAwait(false);
        if (sbom is not null)
        {
            await AtomicFile.WriteAllTextAsync(context.Artifacts["sbom"], sbom, cancellationToken).ConfigureAwait(false);
        }

        await AtomicFile.WriteAllTextAsync(context.TracePath!, TraceReportJson.ToJson(main), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(reportPath, System.Text.Json.JsonSerializer.Serialize(report, BuildReportJsonContext.Default.BuildReport), cancellationToken).ConfigureAwait(false);
        context.Report = report;
    }

    private static PackageSummary? Summarize(PackageInventory? packages, bool databaseKept) =>
        packages is null ? null : new PackageSummary(
            packages.Os is { } os ? $"{os.Id} {os.VersionId}".Trim() : null,
            packages.Database?.Manager.ToString().ToLowerInvariant(),
            packages.Database?.Kept.Count ?? 0,
            packages.Database?.RemovedWhole ?? 0,
            packages.Database?.RemovedPartly ?? 0,
            databaseKept && packages.Database is not null);

    /// <summary>slim.report.json gives slim.cdx.json beside it; any other report name gets .cdx.json added.</summary>
    private static string SbomBesideReport(string reportPath)
    {
        var name = Path.GetFileName(reportPath);
        name = name.EndsWith(".report.json", StringComparison.Ordinal) ? name[..^".report.json".Length] : name;
        return Path.Combine(Path.GetDirectoryName(reportPath)!, name + ".cdx.json");
    }
}
