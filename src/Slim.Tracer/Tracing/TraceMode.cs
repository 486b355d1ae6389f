namespace Slim.Tracer.Tracing;

/// <summary>How system calls are stopped on.</summary>
internal enum TraceMode
{
    /// <summary>A seccomp filter returns SECCOMP_RET_TRACE: one stop per call (two for path calls, to see the result).</summary>
    Seccomp,

    /// <summary>PTRACE_SYSCALL: a stop at every entry and every exit; kept to measure what seccomp saves.</summary>
    Syscall,
}
