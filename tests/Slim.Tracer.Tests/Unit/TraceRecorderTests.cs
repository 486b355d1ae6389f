using Slim.Trace;
using Slim.Tracer.Reporting;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Tests.Unit;

public sealed class TraceRecorderTests : IDisposable
{
    private static readonly ReportHeader Header = new(TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser(null, 0, 0, []), DateTimeOffset.UnixEpoch);

    private readonly string _root = Directory.CreateTempSubdirectory("slim-recorder-").FullName;

    public TraceRecorderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "usr/bin"));
        File.WriteAllText(Path.Combine(_root, "usr/bin/dash"), "");
        File.CreateSymbolicLink(Path.Combine(_root, "usr/bin/sh"), "dash");
    }

    [Fact]
    public void Repeated_accesses_are_counted_once_per_kind_process_and_result()
    {
        var recorder = new TraceRecorder("/.slim", _root);
        recorder.ProcessStarted(10, 0);
        recorder.PathTouched(PathAccessKind.Exec, "/usr/bin/sh", "/usr/bin/sh", "execve", 10, null);
        recorder.PathTouched(PathAccessKind.Stat, "sh", "/usr/bin/sh", "newfstatat", 10, null);
        recorder.PathTouched(PathAccessKind.Stat, "sh", "/usr/bin/sh", "newfstatat", 10, null);
        recorder.PathTouched(PathAccessKind.Read, "/nope", "/nope", "openat", 10, "ENOENT");

        var report = recorder.Build(Header, TraceCompletion.Exited, new ExitStatus(0, null));

        var sh = report.Files.Single(f => f.Path == "/usr/bin/sh");
        Assert.True(sh.Found);
        Assert.Equal("/usr/bin/dash", sh.Target);
        Assert.Equal([PathAccessKind.Exec, PathAccessKind.Stat], sh.Kinds);
        Assert.Equal(2, sh.Accesses.Single(a => a.Kind == PathAccessKind.Stat).Count);
        Assert.Equal([new TracedSymlink("/usr/bin/sh", "dash")], report.Symlinks);

        var nope = report.Files.Single(f => f.Path == "/nope");
        Assert.False(nope.Found);
        Assert.Null(nope.Target);
        Assert.Equal("ENOENT", nope.Accesses.Single().Error);
    }

    [Fact]
    public void The_tracers_own_files_are_never_reported()
    {
        var recorder = new TraceRecorder("/.slim", _root);
        recorder.PathTouched(PathAccessKind.Read, "/.slim/lib/libc.so.6", "/.slim/lib/libc.so.6", "openat", 1, null);
        recorder.PathTouched(PathAccessKind.Read, "/.slimmer", "/.slimmer", "openat", 1, null);

        Assert.Equal(["/.slimmer"], recorder.Build(Header, TraceCompletion.Exited, null).Files.Select(f => f.Path));
    }

    [Fact]
    public void Processes_keep_their_execs_exit_and_threads()
    {
        var recorder = new TraceRecorder("/.slim", _root);
        recorder.ProcessStarted(10, 0);
        recorder.ProcessStarted(11, 10);
        recorder.ThreadStarted(11);
        recorder.ProcessExeced(11, "/usr/bin/dash", ["sh", "-c", "x"], "sh");
        recorder.ProcessExited(11, new ExitStatus(null, 9));

        var child = recorder.Build(Header, TraceCompletion.Exited, null).Processes.Single(p => p.Pid == 11);
        Assert.Equal((10, "/usr/bin/dash", 2, 137), (child.ParentPid, child.Exe, child.Threads, child.Exit!.ShellStatus));
        Assert.Equal(["/usr/bin/dash"], child.Execs);
    }

    [Fact]
    public void The_program_an_exec_ran_is_recorded_as_an_exec_of_that_file()
    {
        var recorder = new TraceRecorder("/.slim", _root);
        recorder.ProcessStarted(10, 0);
        recorder.ProcessExeced(10, "/usr/bin/dash", ["/bin/sh", "./script.sh"], "script.sh", "execveat");

        var dash = recorder.Build(Header, TraceCompletion.Exited, null).Files.Single(f => f.Path == "/usr/bin/dash");
        Assert.True(dash.Found);
        Assert.Equal((PathAccessKind.Exec, "execveat", 10, (string?)null), (dash.Accesses.Single().Kind, dash.Accesses.Single().Syscall, dash.Accesses.Single().Pid, dash.Accesses.Single().Error));
    }

    [Fact]
    public void Before_the_first_exec_fanotify_keeps_exec_opens_and_drops_the_stubs_own_reads()
    {
        var recorder = new TraceRecorder("/.slim", _root);
        recorder.ProcessStarted(10, 0);
        // The execve of a script: the kernel opens the interpreter for exec before the exec stop is handled.
        recorder.PathTouched(PathAccessKind.Exec, "/usr/bin/dash", "/usr/bin/dash", TraceRecorder.FanotifySource, 10, null);
        recorder.PathTouched(PathAccessKind.Open, "/etc/stub-read", "/etc/stub-read", TraceRecorder.FanotifySource, 10, null);

        Assert.Equal(["/usr/bin/dash"], recorder.Build(Header, TraceCompletion.Exited, null).Files.Select(f => f.Path));
    }

    [Fact]
    public void Syscalls_are_reported_by_name_with_counts()
    {
        var recorder = new TraceRecorder("/.slim", _root);
        recorder.CountSyscall(257);
        recorder.CountSyscall(257);
        recorder.CountSyscall(59);

        var syscalls = recorder.Build(Header, TraceCompletion.Exited, null).Syscalls;
        Assert.Equal([new SyscallCount("execve", 59, 1), new SyscallCount("openat", 257, 2)], syscalls);
    }

    [Theory]
    [InlineData(0x0000, true, false, false, 0)]     // exited 0
    [InlineData(0x0300, true, false, false, 3)]     // exited 3
    [InlineData(0x000f, false, true, false, 143)]   // killed by SIGTERM
    [InlineData(0x137f, false, false, true, -1)]    // stopped by SIGSTOP
    public void WaitStatus_decodes_like_the_C_macros(int raw, bool exited, bool signaled, bool stopped, int shellStatus)
    {
        var status = new WaitStatus(raw);
        Assert.Equal((exited, signaled, stopped), (status.Exited, status.Signaled, status.Stopped));
        Assert.Equal(shellStatus, status.ToExitStatus()?.ShellStatus ?? -1);
    }

    [Fact]
    public void A_ptrace_event_stop_carries_its_event_number()
    {
        var seccompStop = new WaitStatus((7 << 16) | (5 << 8) | 0x7f); // PTRACE_EVENT_SECCOMP, SIGTRAP
        Assert.True(seccompStop.Stopped);
        Assert.Equal(5, seccompStop.StopSignal);
        Assert.Equal(7, seccompStop.Event);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
