using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>What a traced container did: its exit code, its output, and the trace report(s) it left.</summary>
public sealed record SensorRun(int ExitCode, string Output, TraceReport Report, IReadOnlyList<TraceReport> ExecReports);

/// <summary>
/// A sensor container as slim starts one: the bundle copied to /.slim of a created container, the tracer as its
/// entry point, CAP_SYS_PTRACE + CAP_SYS_ADMIN and no seccomp/apparmor confinement, nothing more. Removed afterwards.
/// </summary>
public static class SensorContainer
{
    /// <summary>The bundle's own loader: the entry point, so the tracer runs in any image, even an empty one.</summary>
    public const string Loader = TracerMount.Directory + "/ld-linux-x86-64.so.2";

    /// <summary>How a docker exec'd command starts the tracer while the app runs: through PID 1's descriptor on the hidden bundle.</summary>
    public static readonly string[] ExecLauncher =
        [TracerMount.Door + "/ld-linux-x86-64.so.2", "--library-path", TracerMount.Door + "/lib", TracerMount.Door + "/slim-tracer"];

    private static readonly string[] Confinement =
    [
        "--cap-add", "SYS_PTRACE", "--cap-add", "SYS_ADMIN",
        "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined",
    ];

    /// <param name="tracerArguments">After <c>slim-tracer run</c>: options, <c>--</c>, the command.</param>
    /// <param name="copies">Host files to put in the container before it starts (host path, container path).</param>
    /// <param name="confinement">Replaces the capabilities and security options (to test with fewer).</param>
    /// <param name="whileRunning">Called with the container id once it runs; the container is then awaited.</param>
    public static async Task<SensorRun> RunAsync(
        string image,
        IReadOnlyList<string> tracerArguments,
        IReadOnlyList<(string Host, string Container)>? copies = null,
        Func<string, Task>? whileRunning = null,
        IReadOnlyList<string>? confinement = null)
    {
        List<string> create = ["create", .. TestResources.LabelArguments, .. confinement ?? Confinement, "--entrypoint", Loader, image,
            "--library-path", TracerMount.Directory + "/lib", TracerMount.Directory + "/slim-tracer", "run", .. tracerArguments];
        var id = (await Docker.RunAsync([.. create], TimeSpan.FromMinutes(1))).EnsureSuccess().StandardOutput.Trim();
        var outDir = Directory.CreateTempSubdirectory("slim-sensor-").FullName;
        try
        {
            (await Docker.RunAsync("cp", TracerBundle.Directory + "/.", $"{id}:{TracerMount.Directory}/")).EnsureSuccess();
            foreach (var (host, container) in copies ?? [])
            {
                (await Docker.RunAsync("cp", host, $"{id}:{container}")).EnsureSuccess();
            }

            if (whileRunning is null)
            {
                await Docker.RunAsync(["start", "-a", id], TimeSpan.FromMinutes(2));
            }
            else
            {
                (await Docker.RunAsync("start", id)).EnsureSuccess();
                await whileRunning(id);
            }

            var wait = (await Docker.RunAsync(["wait", id], TimeSpan.FromMinutes(2))).EnsureSuccess();
            var logs = await Docker.RunAsync("logs", id);
            // PID 1 puts the bundle back at /.slim as it exits; a killed one leaves it where it hid it.
            if (!(await Docker.RunAsync("cp", $"{id}:{TracerMount.Artifacts}/.", outDir)).Succeeded)
            {
                (await Docker.RunAsync("cp", $"{id}:{TracerMount.HiddenArtifacts}/.", outDir)).EnsureSuccess();
            }

            var report = Read(Path.Combine(outDir, TracerMount.MainReport));
            var execs = Directory.GetFiles(outDir, "exec-*.json").Order(StringComparer.Ordinal).Select(Read).ToList();
            return new SensorRun(int.Parse(wait.StandardOutput.Trim()), logs.StandardOutput + logs.StandardError, report, execs);
        }
        finally
        {
            await Docker.RunAsync("rm", "-f", id);
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>The container's trace report as it is now (a snapshot while it runs).</summary>
    public static async Task<TraceReport?> TryReadReportAsync(string id)
    {
        var outDir = Directory.CreateTempSubdirectory("slim-sensor-").FullName;
        try
        {
            // While the app runs the bundle is hidden (TracerMount); before PID 1 hid it or after it put it back, it is at /.slim.
            var copy = await Docker.RunAsync("cp", $"{id}:{TracerMount.HiddenArtifacts}/{TracerMount.MainReport}", outDir);
            if (!copy.Succeeded)
            {
                copy = await Docker.RunAsync("cp", $"{id}:{TracerMount.Artifacts}/{TracerMount.MainReport}", outDir);
            }

            return copy.Succeeded ? Read(Path.Combine(outDir, TracerMount.MainReport)) : null;
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static TraceReport Read(string path)
    {
        using var stream = File.OpenRead(path);
        return TraceReportJson.Read(stream);
    }
}
