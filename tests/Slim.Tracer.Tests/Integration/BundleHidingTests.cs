using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>The app must not see the sensor: /.slim is gone from its file system while it runs (issue 14, defect 1).</summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class BundleHidingTests(TracerEnvironment environment)
{
    [Fact]
    public async Task The_app_and_docker_exec_list_no_slim_directory_and_the_reports_still_come_out_at_slim()
    {
        string plainExec = "", tracedExec = "";
        var restored = false;
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--user", "nobody", "--", "sh", "-c", "ls -a / /dev; ls /proc/1/fd/200/ 2>&1; sleep 30"],
            whileRunning: async id =>
            {
                await WaitForAppAsync(id);
                plainExec = (await Docker.RunAsync("exec", id, "ls", "-a", "/", "/dev")).EnsureSuccess().StandardOutput;
                // A traced exec starts the tracer through PID 1's descriptor, as slim does.
                tracedExec = (await Docker.RunAsync(["exec", id, .. SensorContainer.ExecLauncher,
                    .. new TracerArguments(TraceKind.Exec, ["ls", "-a", "/"]).ToArgv()])).EnsureSuccess().StandardOutput;
                (await Docker.RunAsync("stop", "-t", "10", id)).EnsureSuccess();
                var outDir = Directory.CreateTempSubdirectory("slim-hiding-").FullName;
                try
                {
                    restored = (await Docker.RunAsync("cp", $"{id}:{TracerMount.Artifacts}/{TracerMount.MainReport}", outDir)).Succeeded;
                }
                finally
                {
                    Directory.Delete(outDir, recursive: true);
                }
            });

        // The listings ran (they name /etc and /dev/null) and none of them shows the bundle.
        Assert.Contains("etc", run.Output, StringComparison.Ordinal);
        Assert.Contains("null", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(".slim", run.Output, StringComparison.Ordinal);
        Assert.Contains("etc", plainExec, StringComparison.Ordinal);
        Assert.DoesNotContain(".slim", plainExec, StringComparison.Ordinal);
        Assert.Contains("etc", tracedExec, StringComparison.Ordinal);
        Assert.DoesNotContain(".slim", tracedExec, StringComparison.Ordinal);
        // The door is root's: the app's user cannot follow it.
        Assert.Contains("Permission denied", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("slim-tracer\n", run.Output, StringComparison.Ordinal);

        Assert.True(restored, "PID 1 did not put the bundle back at /.slim");
        Assert.Equal(TraceCompletion.Stopped, run.Report.Completion);
        Assert.True(run.Report.File("/usr/bin/ls").Found);
        Assert.DoesNotContain(run.Report.Files, f => f.Path.StartsWith(TracerMount.Directory, StringComparison.Ordinal) || f.Path.StartsWith(TracerMount.Hideaway, StringComparison.Ordinal));
        var exec = Assert.Single(run.ExecReports);
        Assert.Equal(0, exec.Exit?.Code);
        Assert.DoesNotContain(exec.Files, f => f.Path.StartsWith(TracerMount.Directory, StringComparison.Ordinal) || f.Path.StartsWith(TracerMount.Hideaway, StringComparison.Ordinal));
    }

    private static async Task WaitForAppAsync(string id)
    {
        for (var i = 0; i < 100; i++)
        {
            var report = await SensorContainer.TryReadReportAsync(id);
            if (report is not null && report.Processes.Any(p => p.Exe == "/usr/bin/sleep"))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"container {id} never showed its app asleep");
    }
}
