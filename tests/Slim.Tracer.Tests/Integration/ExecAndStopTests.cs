using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>docker exec into the traced container, docker stop, docker kill.</summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class ExecAndStopTests(TracerEnvironment environment)
{
    [Fact]
    public async Task Files_read_by_docker_exec_are_in_the_report_and_a_traced_exec_gets_its_own()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase, ["--", "sleep", "30"], whileRunning: async id =>
        {
            await WaitForTraceAsync(id);
            (await Docker.RunAsync("exec", id, "cat", "/etc/debian_version")).EnsureSuccess();
            (await Docker.RunAsync(["exec", id, .. SensorContainer.ExecLauncher,
                .. new TracerArguments(TraceKind.Exec, ["cat", "/etc/issue"]).ToArgv()]))
                .EnsureSuccess();
            (await Docker.RunAsync("stop", "-t", "10", id)).EnsureSuccess();
        });

        // docker exec'd processes are no children of the tracer: fanotify sees them.
        var debianVersion = run.Report.File("/etc/debian_version");
        Assert.Contains(debianVersion.Accesses, a => a.Syscall == "fanotify" && a.Pid > 0);

        var exec = Assert.Single(run.ExecReports);
        Assert.Equal(TraceKind.Exec, exec.Kind);
        Assert.Equal(0, exec.Exit?.Code);
        Assert.True(exec.File("/etc/issue").TouchedBy(PathAccessKind.Read, "openat"));
        exec.HasSyscalls("execve", "openat");

        // SIGTERM (docker stop) reached sleep through the init and the tracer.
        Assert.Equal(143, run.ExitCode);
        Assert.Equal(TraceCompletion.Stopped, run.Report.Completion);
        Assert.Equal(15, run.Report.Exit?.Signal);
    }

    [Fact]
    public async Task Sigterm_is_forwarded_and_the_application_exit_code_kept()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--", "sh", "-c", "trap 'cat /etc/hostname >/dev/null; exit 7' TERM; sleep 30 & wait"],
            whileRunning: async id =>
            {
                await WaitForTraceAsync(id);
                (await Docker.RunAsync("stop", "-t", "10", id)).EnsureSuccess();
            });

        Assert.Equal(7, run.ExitCode);
        Assert.Equal(TraceCompletion.Stopped, run.Report.Completion);
        Assert.Equal(7, run.Report.Exit?.Code);
        Assert.True(run.Report.File("/etc/hostname").TouchedBy(PathAccessKind.Read, "openat"));
    }

    [Fact]
    public async Task An_application_that_ignores_sigterm_is_killed_after_the_grace_period_and_the_report_is_complete()
    {
        var started = DateTime.UtcNow;
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--grace", "1", "--", "sh", "-c", "trap '' TERM; cat /etc/hostname; sleep 60"],
            whileRunning: async id =>
            {
                await WaitForTraceAsync(id);
                (await Docker.RunAsync("stop", "-t", "30", id)).EnsureSuccess();
            });

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(25), "the grace period was not applied");
        Assert.Equal(137, run.ExitCode);
        Assert.Equal(TraceCompletion.Stopped, run.Report.Completion);
        Assert.Equal(9, run.Report.Exit?.Signal);
        Assert.True(run.Report.File("/etc/hostname").Found);
        run.Report.HasSyscalls("execve", "openat", "wait4");
    }

    [Fact]
    public async Task Docker_kill_leaves_the_last_snapshot_a_valid_report()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--", "sh", "-c", "cat /etc/hostname >/dev/null; sleep 60"],
            whileRunning: async id =>
            {
                await WaitForTraceAsync(id, mustContain: "/etc/hostname");
                (await Docker.RunAsync("kill", id)).EnsureSuccess();
            });

        Assert.Equal(137, run.ExitCode);
        Assert.Equal(TraceCompletion.Snapshot, run.Report.Completion);
        Assert.True(run.Report.File("/etc/hostname").TouchedBy(PathAccessKind.Read, "openat"));
        Assert.Contains(run.Report.Processes, p => p.Exe == "/usr/bin/sleep");
    }

    /// <summary>Waits until a snapshot shows the application running (and, optionally, a path it touched).</summary>
    private static async Task WaitForTraceAsync(string id, string? mustContain = null)
    {
        for (var i = 0; i < 100; i++)
        {
            var report = await SensorContainer.TryReadReportAsync(id);
            if (report is not null && report.Processes.Any(p => p.Exe is not null)
                && (mustContain is null || report.Files.Any(f => f.Path == mustContain)))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"container {id} never wrote a snapshot of a running application");
    }
}
