using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>The same small command traced in the Debian base, in busybox, and in an image with no files at all.</summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class ImageTraceTests(TracerEnvironment environment)
{
    [Fact]
    public async Task Debian_sh_cat_ls_lists_files_execs_symlinks_libraries_failed_lookups_and_syscalls()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase, ["--", "sh", "-c", "cat /etc/os-release; ls /usr"]);
        var report = run.Report;

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Debian GNU/Linux", run.Output, StringComparison.Ordinal);
        Assert.Equal(TraceCompletion.Exited, report.Completion);
        Assert.Equal(0, report.Exit?.Code);
        Assert.True(report.Fanotify.Active, report.Fanotify.Reason);

        // Files read, with the symlink on the way.
        var osRelease = report.File("/etc/os-release");
        Assert.True(osRelease.Found);
        Assert.True(osRelease.TouchedBy(PathAccessKind.Read, "openat"));
        Assert.Equal("/usr/lib/os-release", osRelease.Target);
        report.HasSymlink("/etc/os-release", "../usr/lib/os-release");

        // Binaries exec'd, and what /bin/sh points to.
        Assert.True(report.File("/usr/bin/ls").TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.True(report.File("/usr/bin/cat").TouchedBy(PathAccessKind.Exec, "execve"));
        report.HasSymlink("/usr/bin/sh", "dash");
        Assert.Equal("/usr/bin/dash", report.File("/usr/bin/sh").Target);

        // Shared libraries the loader opened (through the /lib -> usr/lib link).
        var libc = report.Files.Single(f => f.Path.EndsWith("/libc.so.6", StringComparison.Ordinal) && f.Accesses.Any(a => a.Syscall == "openat"));
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libc.so.6", libc.Target);
        Assert.Contains(report.Files, f => f.Path.Contains("libselinux.so.1", StringComparison.Ordinal));

        // Failed lookups are kept, with their errno.
        Assert.Contains(report.Files, f => !f.Found && f.Accesses.Any(a => a.Error == "ENOENT"));
        Assert.False(report.File("/etc/ld.so.preload").Found);

        report.HasSyscalls("execve", "openat", "getdents64", "read", "write", "mmap");
        Assert.Contains(report.Processes, p => p.Exe == "/usr/bin/ls" && p.Argv.SequenceEqual(["ls", "/usr"]));
        Assert.DoesNotContain(report.Files, f => f.Path.StartsWith("/.slim", StringComparison.Ordinal));
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task Busybox_applets_are_traced_through_their_symlinks()
    {
        var run = await SensorContainer.RunAsync(environment.BusyboxBase, ["--", "sh", "-c", "cat /etc/os-release; ls /usr; /bin/ls /bin >/dev/null"]);
        var report = run.Report;

        Assert.Equal(0, run.ExitCode);
        Assert.True(report.File("/bin/sh").TouchedBy(PathAccessKind.Exec, "execve"));
        report.HasSymlink("/bin/sh", "busybox");
        report.HasSymlink("/bin/ls", "busybox");
        Assert.Equal("/bin/busybox", report.File("/bin/ls").Target);
        Assert.False(report.File("/etc/os-release").Found); // busybox has none: a failed lookup
        Assert.Contains(report.File("/etc/os-release").Accesses, a => a.Error == "ENOENT");
        Assert.True(report.File("/bin").TouchedBy(PathAccessKind.List));
        report.HasSyscalls("execve", "openat", "getdents64");
    }

    [Fact]
    public async Task An_empty_image_with_only_a_static_binary_is_traced()
    {
        var run = await SensorContainer.RunAsync(
            TracerEnvironment.EmptyImage,
            ["--", "/busybox", "sh", "-c", "/busybox cat /missing; /busybox ls /"],
            copies: [(environment.StaticBusybox, "/busybox")]);
        var report = run.Report;

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("busybox", run.Output, StringComparison.Ordinal);
        Assert.True(report.File("/busybox").TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.False(report.File("/missing").Found);
        Assert.True(report.File("/").TouchedBy(PathAccessKind.List));
        report.HasSyscalls("execve", "openat", "getdents64");
        Assert.DoesNotContain(report.Files, f => f.Path.StartsWith("/.slim", StringComparison.Ordinal));
    }
}
