using Slim.Trace;
using Slim.Tracer.Native;

namespace Slim.Tracer.Tracing;

/// <summary>A process of the traced tree, as the trace loop needs it.</summary>
internal sealed class TraceeProcess(int pid)
{
    public int Pid { get; } = pid;

    /// <summary>True for the root process until its first exec: the stub's own calls are not the application's.</summary>
    public bool InStub { get; set; }
}

/// <summary>A path argument read at syscall entry, waiting for the call's result.</summary>
internal readonly record struct PendingPath(PathAccessKind Kind, string AskedAs, string Resolved);

/// <summary>A system call between its entry stop and its exit stop.</summary>
internal sealed record PendingCall(long Number, IReadOnlyList<PendingPath> Paths);

/// <summary>One traced thread (ptrace works on threads).</summary>
internal sealed class TraceeThread(int tid, TraceeProcess process)
{
    public int Tid { get; } = tid;

    public TraceeProcess Process { get; set; } = process;

    /// <summary>Set while the thread is inside a call whose exit we asked to see.</summary>
    public PendingCall? Pending { get; set; }

    /// <summary>Lets the stopped thread run on, stopping at the next call's exit only when one is pending (or in syscall mode).</summary>
    public void Resume(TraceMode mode, int signal)
    {
        var request = Pending is not null || mode == TraceMode.Syscall ? Ptrace.Syscall : Ptrace.Cont;
        Libc.ptrace(request, Tid, 0, signal); // ESRCH: it died meanwhile (SIGKILL); its exit is coming
    }
}
