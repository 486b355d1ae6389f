using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>
/// What the tracer saw while one command ran: the processes, the files they touched, the symlinks on the way
/// to those files and the system calls they made. One JSON document, written by slim-tracer and read by the
/// rebuild through <see cref="TraceReportJson"/>.
/// </summary>
/// <param name="Version">The contract's version; <see cref="CurrentVersion"/> for documents written by this code.</param>
/// <param name="Kind"><c>run</c> for the container's main command, <c>exec</c> for a command started with docker exec.</param>
/// <param name="Mode"><c>seccomp</c> (one stop per call, the default) or <c>syscall</c> (PTRACE_SYSCALL, for comparison).</param>
/// <param name="Command">The command line as given to the tracer, before any PATH lookup.</param>
/// <param name="User">The identity the command ran as.</param>
/// <param name="Completion">Why the document was written: <c>exited</c>, <c>signaled</c>, <c>stopped</c> (the tracer got
/// SIGTERM/SIGINT), <c>snapshot</c> (a periodic copy written while the command still ran) or <c>failed</c>.</param>
/// <param name="Exit">How the command ended; null while it runs or when it never started.</param>
/// <param name="Fanotify">Whether file access was also watched through fanotify, and why not when it was not.</param>
/// <param name="Errors">What went wrong inside the tracer itself; a non-empty list does not mean the trace is useless.</param>
/// <param name="Calls">The calls whose arguments decide a privilege (<see cref="TracedCall"/>); null in documents from
/// tracers that did not record them.</param>
public sealed record TraceReport(
    int Version,
    TraceKind Kind,
    TraceMode Mode,
    IReadOnlyList<string> Command,
    TracedUser User,
    DateTimeOffset Started,
    DateTimeOffset Written,
    TraceCompletion Completion,
    ExitStatus? Exit,
    FanotifyState Fanotify,
    IReadOnlyList<TracedProcess> Processes,
    IReadOnlyList<TracedFile> Files,
    IReadOnlyList<TracedSymlink> Symlinks,
    IReadOnlyList<SyscallCount> Syscalls,
    IReadOnlyList<TracerError> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TracedCall>? Calls = null)
{
    public const int CurrentVersion = 1;
}
