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
/// serves stops until the root process ends: processes, threads, execs and signals here, system calls in
/// <see cref="SyscallStopHandler"/>.
/// </summary>
internal sealed unsafe class TraceSession(TraceRecorder recorder, TraceMode mode) : IDisposable
{
    private readonly Dictionary<int, TraceeThread> _threads = [];
    private readonly SyscallStopHandler _syscalls = new(recorder, mode);
    private readonly ConcurrentDictionary<int, byte> _livePids = new();
    private readonly ManualResetEventSlim _started = new();
    private readonly Lock _signalGate = new();
    private volatile int _rootPid;
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
                _syscalls.OnSyscallStop(thread);
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
                    thread.Resume(mode, 0);
                }
            }
            else
            {
                // A signal-delivery stop: hand the signal on, or the application would never see it.
                thread.Resume(mode, signal);
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
                _syscalls.OnSeccompStop(thread);
                return;
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

        thread.Resume(mode, 0);
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
}
