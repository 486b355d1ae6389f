using Slim.Trace;

namespace Slim.Tracer.Tests.Unit;

public sealed class TraceReportJsonTests
{
    private static TraceReport Sample() => new(
        TraceReport.CurrentVersion,
        TraceKind.Run,
        TraceMode.Seccomp,
        ["sh", "-c", "cat /etc/os-release"],
        new TracedUser("app", 1000, 1000, [4, 1000]),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero),
        TraceCompletion.Exited,
        new ExitStatus(0, null),
        new FanotifyState(false, [], "fanotify_init: EPERM"),
        [new TracedProcess(7, 0, "/usr/bin/dash", ["sh", "-c", "x"], ["/usr/bin/dash"], 1, new ExitStatus(null, 15))],
        [new TracedFile("/etc/os-release", true, "/usr/lib/os-release", [PathAccessKind.Read],
            [new PathAccess(PathAccessKind.Read, "/etc/os-release", "openat", 8, "cat", null, 2)])],
        [new TracedSymlink("/etc/os-release", "../usr/lib/os-release")],
        [new SyscallCount("openat", 257, 12)],
        [new TracerError("fanotify", "refused")]);

    [Fact]
    public void A_report_survives_a_round_trip()
    {
        var report = Sample();
        var again = TraceReportJson.Parse(TraceReportJson.ToJson(report));

        Assert.Equal(TraceReportJson.ToJson(report), TraceReportJson.ToJson(again));
        Assert.Equal("/usr/lib/os-release", again.Files.Single().Target);
        Assert.Equal(143, again.Processes.Single().Exit!.ShellStatus);
    }

    [Fact]
    public void The_document_is_camel_case_and_versioned()
    {
        var json = TraceReportJson.ToJson(Sample());
        Assert.Contains("\"version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"askedAs\": \"/etc/os-release\"", json, StringComparison.Ordinal);
        Assert.Contains("\"syscalls\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_version_is_refused()
    {
        var json = TraceReportJson.ToJson(Sample() with { Version = 99 });
        var error = Assert.Throws<InvalidDataException>(() => TraceReportJson.Parse(json));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }
}
