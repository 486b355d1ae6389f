using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>On the host, like strace: through bin/slim-tracer, in both modes.</summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class HostTraceTests(TracerEnvironment environment)
{
    [Theory]
    [InlineData(TraceMode.Seccomp)]
    [InlineData(TraceMode.Syscall)]
    public async Task The_launcher_traces_a_command_on_the_host(TraceMode mode)
    {
        Assert.NotNull(environment);
        var report = Path.Combine(Path.GetTempPath(), $"slim-host-{Guid.NewGuid()}.json");
        try
        {
            var result = await ExternalCommand.RunAsync(TracerBundle.HostLauncher,
                new TracerArguments(TraceKind.Run, ["sh", "-c", "cat /etc/hostname >/dev/null; ls / >/dev/null; exit 5"]) { Mode = mode, Report = report }.ToArgv());

            Assert.Equal(5, result.ExitCode);
            using var stream = File.OpenRead(report);
            var trace = TraceReportJson.Read(stream);
            Assert.Equal(mode, trace.Mode);
            Assert.Equal(5, trace.Exit?.Code);
            Assert.True(trace.File("/etc/hostname").TouchedBy(PathAccessKind.Read, "openat"));
            Assert.True(trace.File("/").TouchedBy(PathAccessKind.List, "openat"));
            trace.HasSyscalls("execve", "openat", "getdents64", "exit_group");
            Assert.Equal(trace.Syscalls.Single(s => s.Name == "execve").Count, trace.Processes.Sum(p => p.Execs.Count) + CountFailedExecs(trace));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static int CountFailedExecs(TraceReport trace) =>
        (int)trace.Files.SelectMany(f => f.Accesses).Where(a => a.Syscall == "execve" && a.Error is not null).Sum(a => a.Count);
}
