using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Reporting;

namespace Slim.Tracer.Tracing;

/// <summary>
/// The system-call stops of the ptrace loop (on its thread): at entry it counts the call, records a privilege call
/// with its arguments and reads path arguments; at exit it records each path with the call's result. A call the
/// process already made on the same paths is recorded with the result it had then, without waiting for its exit.
/// </summary>
internal sealed class SyscallStopHandler(TraceRecorder recorder, TraceMode mode)
{
    private static readonly long Execve = SyscallTable.NumberOf("execve");
    private static readonly long Execveat = SyscallTable.NumberOf("execveat");
    private static readonly ulong EnosysReturn = unchecked((ulong)-Kernel.ENOSYS);
    private const ulong UserCodeSegment64 = 0x33; // __USER_CS: a 64-bit process (0x23 for a 32-bit one)
    private const long X32SyscallBit = 0x40000000;

    private readonly RepeatResultCache _repeats = new();
    private bool _sawForeignAbi;

    /// <summary>A seccomp RET_TRACE stop: the entry of a call the filter picked.</summary>
    public void OnSeccompStop(TraceeThread thread)
    {
        if (UserRegs.TryRead(thread.Tid, out var regs))
        {
            OnEntry(thread, regs);
            return;
        }

        thread.Resume(mode, 0);
    }

    /// <summary>A PTRACE_SYSCALL stop: the exit of a call we wait for, or (syscall mode) an entry.</summary>
    public void OnSyscallStop(TraceeThread thread)
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
            thread.Resume(mode, 0);
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

            thread.Resume(mode, 0);
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

        thread.Resume(mode, 0);
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

        thread.Resume(mode, 0);
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
}
