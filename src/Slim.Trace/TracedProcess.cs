namespace Slim.Trace;

/// <summary>One process of the traced tree (threads are folded into their process).</summary>
/// <param name="Pid">The process id, as seen inside the tracer's pid namespace.</param>
/// <param name="ParentPid">The process that forked it; 0 for the root of the tree or a process seen only through fanotify.</param>
/// <param name="Exe">The program it ran last (the target of /proc/PID/exe after its last exec), null if it never exec'd.</param>
/// <param name="Argv">Its command line after its last exec.</param>
/// <param name="Execs">Every program it exec'd, in order.</param>
/// <param name="Threads">How many threads it had over its life, itself included.</param>
/// <param name="Exit">How it ended; null when it was still running when the report was written.</param>
public sealed record TracedProcess(
    int Pid,
    int ParentPid,
    string? Exe,
    IReadOnlyList<string> Argv,
    IReadOnlyList<string> Execs,
    int Threads,
    ExitStatus? Exit);
