using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>Questions the tests ask of a report, with messages that show what the report did hold.</summary>
public static class ReportAssertions
{
    public static TracedFile File(this TraceReport report, string path) =>
        report.Files.SingleOrDefault(f => f.Path == path)
        ?? throw new Xunit.Sdk.XunitException($"{path} is not in the report; it has: {string.Join(", ", report.Files.Select(f => f.Path).Take(200))}");

    public static void HasSymlink(this TraceReport report, string path, string target) =>
        Assert.True(report.Symlinks.Any(s => s.Path == path && s.Target == target),
            $"symlink {path} -> {target} missing; symlinks: {string.Join(", ", report.Symlinks.Select(s => $"{s.Path} -> {s.Target}"))}");

    public static void HasSyscalls(this TraceReport report, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(report.Syscalls.Any(s => s.Name == name && s.Count > 0),
                $"syscall {name} missing; syscalls: {string.Join(", ", report.Syscalls.Select(s => s.Name))}");
        }
    }

    public static bool TouchedBy(this TracedFile file, PathAccessKind kind, string? syscall = null) =>
        file.Accesses.Any(a => a.Kind == kind && (syscall is null || a.Syscall == syscall));
}
