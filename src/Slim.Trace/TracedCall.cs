namespace Slim.Trace;

/// <summary>
/// A call whose arguments decide which privilege it needs (hardening reads these; the seccomp profile needs only the
/// counts). Recorded at its entry, so a call that then failed is here too.
/// </summary>
/// <param name="Syscall">The kernel's name for it.</param>
/// <param name="Pid">The calling process.</param>
/// <param name="Euid">The caller's effective uid at the call; -1 when /proc did not say.</param>
/// <param name="Arguments">What matters of its arguments. bind: address family and port (-1 when the address is no
/// inet one); socket: domain, type (without SOCK_NONBLOCK/SOCK_CLOEXEC) and protocol; kill, tkill: the target pid, the
/// signal and the target's effective uid (-1: none or unknown); tgkill: the same for its thread group; the set*id,
/// chown, mknod, chroot and capset families: their first three raw arguments.</param>
/// <param name="Count">How many times this exact call was made.</param>
public sealed record TracedCall(string Syscall, int Pid, int Euid, IReadOnlyList<long> Arguments, long Count);
