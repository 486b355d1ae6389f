namespace Slim.Trace;

/// <summary>One kind of access to a path by one process, counted.</summary>
/// <param name="Kind">How the path was touched.</param>
/// <param name="AskedAs">The path exactly as the process passed it (relative paths stay relative).</param>
/// <param name="Syscall">The system call, or <c>fanotify</c> for accesses seen only through fanotify.</param>
/// <param name="Pid">The process.</param>
/// <param name="Comm">Its command name (/proc/PID/comm) when the access happened.</param>
/// <param name="Error">The errno name when the call failed (ENOENT, EACCES, …), null when it succeeded.</param>
/// <param name="Count">How many times this exact access happened.</param>
public sealed record PathAccess(
    PathAccessKind Kind,
    string AskedAs,
    string Syscall,
    int Pid,
    string? Comm,
    string? Error,
    long Count);
