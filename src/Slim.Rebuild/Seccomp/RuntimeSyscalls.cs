namespace Slim.Rebuild.Seccomp;

/// <summary>
/// System calls the container runtime makes after it has loaded the profile and before the
/// entrypoint runs, which the trace of the application cannot see.
/// </summary>
public static class RuntimeSyscalls
{
    /// <summary>
    /// Measured with scripts/seccomp-runtime-floor.sh against runc 1.1.5 (Debian 12's): without any
    /// one of these, `docker run` of a static `true` fails (e.g. "ensure /proc/self/fd is on procfs"
    /// without fstatfs, "unable to setup user" without setgroups).
    /// </summary>
    public static readonly IReadOnlyList<string> Measured =
    [
        "arch_prctl", "brk", "capget", "capset", "chdir", "close", "epoll_wait", "execve", "exit",
        "faccessat2", "fstat", "fstatfs", "futex", "getcwd", "getdents64", "getppid", "mprotect",
        "newfstatat", "openat", "prctl", "read", "readahead", "setgid", "setgroups", "setuid", "write",
    ];

    /// <summary>
    /// runc's init is a Go program; which of these its scheduler and garbage collector call
    /// depends on timing, so a single measurement cannot prove them unneeded. A profile that
    /// starts the container only sometimes is worse than a slightly wider one.
    /// </summary>
    public static readonly IReadOnlyList<string> GoRuntime =
    [
        "clone", "epoll_ctl", "epoll_pwait", "exit_group", "getpid", "gettid", "madvise", "mmap",
        "munmap", "nanosleep", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sched_yield",
        "sigaltstack", "tgkill",
    ];

    /// <summary>Everything above, sorted.</summary>
    public static IReadOnlyList<string> All { get; } =
        Measured.Concat(GoRuntime).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
