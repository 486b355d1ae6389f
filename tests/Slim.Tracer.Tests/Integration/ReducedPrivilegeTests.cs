using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>Without CAP_SYS_ADMIN (as in a rootless engine): fanotify is refused, the trace goes on and says so.</summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class ReducedPrivilegeTests(TracerEnvironment environment)
{
    [Fact]
    public async Task Without_cap_sys_admin_fanotify_is_reported_off_and_ptrace_still_traces()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase, ["--", "sh", "-c", "cat /etc/hostname >/dev/null; echo ok"],
            confinement: ["--cap-add", "SYS_PTRACE", "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined"]);

        Assert.Equal(0, run.ExitCode);
        Assert.False(run.Report.Fanotify.Active);
        Assert.Contains("EPERM", run.Report.Fanotify.Reason, StringComparison.Ordinal);
        Assert.True(run.Report.File("/etc/hostname").TouchedBy(PathAccessKind.Read, "openat"));
        run.Report.HasSyscalls("execve", "openat");
    }
}
