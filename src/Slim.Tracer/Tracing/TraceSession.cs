using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Reporting;
using Slim.Tracer.Startup;

namespace Slim.Tracer.Tracing;

/// <summary>
/// The ptrace loop. Everything here runs on one dedicated thread, because the kernel only accepts ptrace requests
/// from the thread that attached (any other gets ESRCH). It spawns the stub, seizes it while it is stopped, and then
/// serves stops until the root process ends.
/// </summary>
internal sealed unsafe class TraceSession(TraceRecorder recorder, TraceMode mode) : IDisposable
{
    private static readonly long Execve = SyscallTable.NumberOf("execve");
    private static readonly long Execveat = SyscallTable.NumberOf("execveat");
    private static readonly ulong EnosysReturn = unchecked((ulong)-Kernel.ENOSYS);
    private const ulong UserCodeSegment64 = 0x33; // __USER_CS: a 64-bit process (0x23 for a 32-bit one)
    private const long X32SyscallBit = 0x40000000;

    private readonly Dictionary<int, TraceeThread> _threads = [];
    private readonly RepeatResultCache _repeats = new();
    private readonly ConcurrentDictionary<int, byte> _livePids = new();
    private readonly ManualResetEventSlim _started = new();
    private readonly Lock _signalGate = new();
    private volatile int _rootPid;
    private bool _sawForeignAbi;
    private int _earlySignal;

    /// <summary>How the root process ended; null when it never started or the loop was abandoned.</summary>
    public ExitStatus? RootExit { get; private set; }

    /// <summary>True when the command could not be started at all (spawn or seize failed).</summary>
    public bool FailedToStart { get; private set; }

    public int RootPid => _rootPid;

    /// <summary>Spawns and traces; returns when the root process is gone.</summary>
    public void Run(IReadOnlyList<string> stubArgv, IReadOnlyList<string> environment)
    {
        try
        {
            if (Start(stubArgv, environment))
            {
                Loop();
            }
        }
        catch (Exception e)
        {
            recorder.Error("ptrace", "the trace loop failed: " + e);
        }
        finally
        {
            _started.Set();
        }
    }

    /// <summary>Waits until the root process exists (or failed to), so signals have somewhere to go.</summary>
    public void WaitStarted(TimeSpan timeout) => _started.Wait(timeout);

    /// <summary>Sends a signal to the root process (from any thread: kill is not a ptrace request).</summary>
    public void Signal(int signal)
    {
        lock (_signalGate)
        {
            if (_rootPid > 0)
            {
                Libc.kill(_rootPid, signal);
            }
            else
            {
                _earlySignal = signal; // the command is not started yet: it gets the signal as soon as it is
            }
        }
    }

    /// <summary>SIGKILL to every traced process: the end of the grace period.</summary>
    public void KillAll()
    {
        foreach (var pid in _livePids.Keys)
        {
            Libc.kill(pid, Signals.SIGKILL);
        }
    }

    public void Dispose() => _started.Dispose();

    private bool Start(IReadOnlyList<string> stubArgv, IReadOnlyList<string> environment)
    {
        if (!StubLauncher.TryLaunch(stubArgv, environment, mode, recorder, out var pid, out var exit))
        {
            RootExit = exit;
            FailedToStart = true;
            return false;
        }

        var process = new TraceeProcess(pid) { InStub = true };
        _threads[pid] = new TraceeThread(pid, process);
        _livePids[pid] = 0;
        recorder.ProcessStarted(pid, 0);
        lock (_signalGate)
        {
            _rootPid = pid;
            if (_earlySignal != 0)
            {
                Libc.kill(pid, _earlySignal);
            }
        }

        _started.Set();
        Libc.kill(pid, Signals.SIGCONT);
        return true;
    }

    private void Loop()
    {
        while (true)
        {
            int raw;
            var tid = Libc.waitpid(-1, &raw, Wait.All);
            if (tid < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Kernel.EINTR)
                {
                    continue;
                }

                if (errno != Kernel.ECHILD)
                {
                    recorder.Error("ptrace", "waitpid: " + ErrnoNames.NameOf(errno));
                }

                return;
            }

            var status = new WaitStatus(raw);
            if (status.Exited || status.Signaled)
            {
                if (OnExit(tid, status))
                {
                    return;
                }

                continue;
            }

            if (!status.Stopped)
            {
                continue;
            }

            var thread = ThreadFor(tid);
            var signal = status.StopSignal;
            if (signal == (Signals.SIGTRAP | 0x80))
            {
                OnSyscallStop(thread);
            }
            else if (signal == Signals.SIGTRAP && status.Event != 0 && status.Event != Ptrace.EventStop)
            {
                OnEvent(thread, status.Event);
            }
            else if (status.Event == Ptrace.EventStop)
            {
                // Under PTRACE_SEIZE a group-stop (SIGSTOP, SIGTSTP, …) is reported as PTRACE_EVENT_STOP with the
                // stop signal: LISTEN keeps the tracee stopped as job control wants. With SIGTRAP it is the
                // initial stop of a new child (or an interrupt): let it run.
                if (Signals.IsStopSignal(signal))
                {
                    Libc.ptrace(Ptrace.Listen, tid, 0, 0);
                }
                else
                {
                    Resume(thread, 0);
                }
            }
            else
            {
                // A signal-delivery stop: hand the signal on, or the application would never see it.
                Resume(thread, signal);
            }
        }
    }

    private TraceeThread ThreadFor(int tid)
    {
        if (_threads.TryGetValue(tid, out var thread))
        {
            return thread;
        }

        // A new thread or process (its first stop may come before its parent's fork/clone event).
        var tgid = Procfs.StatusField(tid, "Tgid");
        if (tgid > 0 && tgid != tid && _threads.TryGetValue(tgid, out var leader))
        {
            thread = new TraceeThread(tid, leader.Process);
            recorder.ThreadStarted(tgid);
        }
        else
        {
            var parent = Procfs.StatusField(tid, "PPid");
            thread = new TraceeThread(tid, new TraceeProcess(tgid > 0 ? tgid : tid));
            _livePids[thread.Process.Pid] = 0;
            recorder.ProcessStarted(thread.Process.Pid, parent < 0 ? 0 : parent);
        }

        _threads[tid] = thread;
        return thread;
    }

    private void OnEvent(TraceeThread thread, int ptraceEvent)
    {
        switch (ptraceEvent)
        {
            case Ptrace.EventSeccomp:
                if (UserRegs.TryRead(thread.Tid, out var regs))
                {
                    OnEntry(thread, regs);
                    return;
                }

                break;
            case Ptrace.EventFork or Ptrace.EventVFork or Ptrace.EventClone:
                ulong child = 0;
                if (Libc.ptrace(Ptrace.GetEventMsg, thread.Tid, 0, (nint)(&child)) == 0)
                {
                    ThreadFor((int)child);
                }

                break;
            case Ptrace.EventExec:
                OnExec(thread);
                break;
            default:
                break;
        }

        Resume(thread, 0);
    }

    private void OnExec(TraceeThread thread)
    {
        ulong former = 0;
        Libc.ptrace(Ptrace.GetEventMsg, thread.Tid, 0, (nint)(&former));
        if ((int)former != thread.Tid && _threads.Remove((int)former, out var execing))
        {
            // A non-leader thread exec'd: it now carries the leader's tid, and its pending execve with it.
            thread.Pending = execing.Pending;
        }

        var pid = thread.Tid;
        thread.Process.InStub = false;
        var syscall = thread.Pending is { } pending ? SyscallTable.NameOf(pending.Number) ?? "execve" : "execve";
        recorder.ProcessExeced(
            pid,
            Procfs.ReadLink($"/proc/{pid}/exe"),
            Procfs.ReadNulSeparated($"/proc/{pid}/cmdline"),
            Procfs.Comm(pid),
            syscall);
    }

    private void OnSyscallStop(TraceeThread thread)
    {
        if (!UserRegs.TryRead(thread.Tid, out var regs))
        {
            return;
        }

        if (thread.Pending is not null)
        {
            OnExitStop(thread, regs);
        }
        else if (mode == TraceMode.Syscall && regs.Rax == EnosysReturn)
        {
            // On entry the kernel preloads rax with -ENOSYS; an exit with no pending entry (a new child's return
            // from fork, or a call already running when we attached) is skipped.
            OnEntry(thread, regs);
        }
        else
        {
            Resume(thread, 0);
        }
    }

    private void OnEntry(TraceeThread thread, UserRegs regs)
    {
        var number = (long)regs.OrigRax;
        if (regs.Cs != UserCodeSegment64 || (number & X32SyscallBit) != 0)
        {
            // A 32-bit process (or the x32 ABI) numbers its calls differently; naming them from the x86_64 table
            // would put wrong calls in the seccomp profile. Say so once instead.
            if (!_sawForeignAbi)
            {
                _sawForeignAbi = true;
                recorder.Error("ptrace", $"pid {thread.Process.Pid} makes non-x86_64 (i386/x32) system calls; they are not named or counted");
            }

            Resume(thread, 0);
            return;
        }

        var isExec = number == Execve || number == Execveat;
        var counted = !thread.Process.InStub || isExec;
        List<PendingPath> paths = [];
        if (counted)
        {
            recorder.CountSyscall(number);
            if (PrivilegeCalls.For(number) is { } privileged)
            {
                recorder.CallMade(privileged, thread.Process.Pid, PrivilegeCalls.EffectiveUid(thread.Tid), PrivilegeCalls.Arguments(thread.Tid, privileged, regs));
            }

            if (PathCalls.For(number) is { } call)
            {
                paths = PathArgumentReader.Read(thread.Tid, call, regs);
            }

            if (isExec && paths.Count > 0)
            {
                // The kernel opens a script's interpreter inside this execve; nothing else would name it.
                var tid = thread.Tid;
                paths.AddRange(ScriptInterpreters.Of(paths[0].Resolved, () => PathArgumentReader.BaseDirectory(tid, Kernel.AtFdCwd)));
            }
        }

        // A call this process already made on the same path(s) is counted with the result it had then. (Whether a
        // file exists matters to the image; a lookup that later succeeds is recorded by the call that created it.)
        if (paths.Count > 0 && mode == TraceMode.Seccomp && TryRecordRepeat(thread.Process.Pid, number, paths))
        {
            paths = [];
        }

        // Only path calls need their exit (for the result); PTRACE_SYSCALL mode stops at every exit anyway.
        if (paths.Count > 0 || mode == TraceMode.Syscall)
        {
            thread.Pending = new PendingCall(number, paths);
        }

        Resume(thread, 0);
    }

    private void OnExitStop(TraceeThread thread, UserRegs regs)
    {
        var pending = thread.Pending!;
        thread.Pending = null;
        if (pending.Paths.Count > 0)
        {
            var result = (long)regs.Rax;
            var error = result is < 0 and > -4096 ? ErrnoNames.NameOf((int)-result) : null;
            var name = SyscallTable.NameOf(pending.Number) ?? $"syscall_{pending.Number}";
            foreach (var path in pending.Paths)
            {
                recorder.PathTouched(path.Kind, path.AskedAs, path.Resolved, name, thread.Process.Pid, error);
                _repeats.Remember(pending.Number, thread.Process.Pid, path, error);
            }
        }

        Resume(thread, 0);
    }

    private bool TryRecordRepeat(int pid, long number, List<PendingPath> paths)
    {
        if (_repeats.TryGet(number, pid, paths) is not { } errors)
        {
            return false;
        }

        var name = SyscallTable.NameOf(number) ?? $"syscall_{number}";
        for (var i = 0; i < paths.Count; i++)
        {
            recorder.PathTouched(paths[i].Kind, paths[i].AskedAs, paths[i].Resolved, name, pid, errors[i]);
        }

        return true;
    }

    /// <returns>True when the root process is gone and the loop should end.</returns>
    private bool OnExit(int tid, WaitStatus status)
    {
        _threads.Remove(tid, out var thread);
        var pid = thread?.Process.Pid ?? tid;
        if (pid == tid && status.ToExitStatus() is { } exit)
        {
            _livePids.TryRemove(pid, out _);
            recorder.ProcessExited(pid, exit);
            if (pid == _rootPid)
            {
                RootExit = exit;
                return true;
            }
        }

        return false;
    }

    private void Resume(TraceeThread thread, int signal)
    {
        var request = thread.Pending is not null || mode == TraceMode.Syscall ? Ptrace.Syscall : Ptrace.Cont;
        Libc.ptrace(request, thread.Tid, 0, signal); // ESRCH: it died meanwhile (SIGKILL); its exit is coming
    }
}
