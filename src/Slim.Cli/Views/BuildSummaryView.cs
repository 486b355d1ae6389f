using Slim.Pipeline;
using Slim.Pipeline.Report;
using Spectre.Console;

namespace Slim.Cli.Views;

/// <summary>The table a person reads after `slim build` or `slim profile`: sizes, ratio, what was kept, probes (host commands, tcp ports), verification, artifacts.</summary>
internal static class BuildSummaryView
{
    public static void Render(BuildReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("original", $"{Markup.Escape(report.Target.Reference)}  [bold]{Bytes(report.Target.Size)}[/]");
        if (report.Result is { } result)
        {
            table.AddRow("slim", $"{Markup.Escape(result.Reference)}  [bold green]{Bytes(result.Size)}[/]");
            if (report.Ratio is { } ratio)
            {
                table.AddRow("ratio", $"{ratio:0.0}x smaller  {Bar(result.Size, report.Target.Size)}");
            }

            table.AddRow("files kept", $"{result.Files} of {report.Target.Files}");
        }

        if (report.Packages is { Manager: not null } packages)
        {
            table.AddRow("packages", Markup.Escape(
                $"{packages.Kept} kept ({packages.RemovedPartly} of them in part), {packages.RemovedWhole} removed whole{(packages.DatabaseKept ? "" : "; database not kept")}"));
        }

        table.AddRow("syscalls", $"{report.Syscalls.Traced} traced, {report.Syscalls.Allowed} allowed by the profile");
        table.AddRow("probes", ProbeLine(report.Probes));
        if (report.Probes.TcpPorts.Count > 0)
        {
            table.AddRow("tcp ports", Markup.Escape($"{string.Join(", ", report.Probes.TcpPorts)} (accept connections, no HTTP answer)"));
        }

        if (report.Probes.HostExec.Count > 0)
        {
            table.AddRow(new Text("host-exec"), HostCommandView.Grid(report.Probes.HostExec, report.Verification));
        }

        if (report.Verification is { } verification)
        {
            table.AddRow("verified", verification.Passed
                ? $"[green]yes[/]: same answers{(verification.WithSeccompProfile ? " under the seccomp profile" : "")}{verification.Warnings.Count switch { 0 => "", 1 => " (1 warning)", var n => $" ({n} warnings)" }}"
                : $"[red]NO[/]: {Markup.Escape(verification.Failures[0])}{(verification.Failures.Count > 1 ? $" (+{verification.Failures.Count - 1} more)" : "")}");
        }

        if (report.Repair.Count > 0)
        {
            table.AddRow("repaired", Markup.Escape(RepairLine(report.Repair)));
        }

        if (report.VerificationSkipped is { } skipped)
        {
            table.AddRow("verified", $"[yellow]not run[/]: {Markup.Escape(skipped)}");
        }

        if (report.Hardening is { } hardening)
        {
            table.AddRow("hardened", Markup.Escape(HardeningLine(hardening)));
        }
        else if (report.HardeningSkipped is { } notHardened)
        {
            table.AddRow("hardened", $"[yellow]not proved[/]: {Markup.Escape(notHardened)}");
        }

        foreach (var (name, path) in report.Artifacts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            table.AddRow(name, Markup.Escape(path));
        }

        console.Write(table);
        if (report.Hardening is { } proved)
        {
            // Plain, unwrapped and last: the line to copy.
            output.WriteLine(proved.DockerRun);
        }
    }

    private static string HardeningLine(Pipeline.Hardening.HardeningReport hardening)
    {
        var run = hardening.Run;
        var parts = new List<string>
        {
            hardening.Capabilities switch
            {
                null => "default capabilities",
                [] => "no capabilities",
                var caps => "capabilities " + string.Join(",", caps),
            },
            run.ReadOnlyRootfs ? $"read-only ({(run.Tmpfs.Count == 0 ? "no tmpfs" : "tmpfs " + string.Join(",", run.Tmpfs))})" : "writable root",
            run.NoNewPrivileges ? "no-new-privileges" : "new privileges allowed",
        };
        if (hardening.NonRootUser is { } user)
        {
            parts.Add("as " + user);
        }

        var line = string.Join(", ", parts);
        return hardening.Relaxed.Count == 0 ? line : $"{line}; relaxed {string.Join("; ", hardening.Relaxed)}";
    }

    private static string RepairLine(IReadOnlyList<RepairRound> rounds)
    {
        var added = rounds.Sum(r => r.PathsAdded);
        var calls = rounds.Sum(r => r.SyscallsAdded.Count);
        var line = $"{rounds.Count} {(rounds.Count == 1 ? "round" : "rounds")}: +{added} {(added == 1 ? "path" : "paths")}{(calls > 0 ? $", +{calls} system calls" : "")}";
        var found = rounds.SelectMany(r => r.Found).Take(3).ToList();
        if (found.Count > 0)
        {
            line += $" ({string.Join(", ", found)}{(rounds.Sum(r => r.Found.Count) > found.Count ? ", ..." : "")})";
        }

        return rounds[^1].Stopped is { } stopped ? $"{line}; stopped: {stopped}" : line;
    }

    private static string ProbeLine(ProbeSummary probes)
    {
        var parts = new List<string> { $"until {probes.ContinueAfter}" };
        if (probes.Http.Count > 0)
        {
            parts.Add($"{probes.Http.Count} HTTP requests");
        }

        if (probes.Exec.Count > 0)
        {
            parts.Add($"{probes.Exec.Count} exec commands");
        }

        if (probes.HostExec.Count > 0)
        {
            parts.Add($"{probes.HostExec.Count} host {(probes.HostExec.Count == 1 ? "command" : "commands")}");
        }

        if (probes.ExitCode is { } code)
        {
            parts.Add($"app exit {code}");
        }

        parts.Add($"{probes.Processes} processes, {probes.FilesTraced} paths");
        return Markup.Escape(string.Join(", ", parts));
    }

    private static string Bar(long part, long whole)
    {
        const int width = 30;
        var filled = whole <= 0 ? 0 : (int)Math.Clamp(Math.Ceiling((double)part / whole * width), 1, width);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/]";
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
