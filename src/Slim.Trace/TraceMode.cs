using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>How the tracer stops on system calls (<see cref="TraceReport.Mode"/>, <c>--mode</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceMode>))]
public enum TraceMode
{
    /// <summary>A seccomp filter returns SECCOMP_RET_TRACE: one stop per call (two for path calls, to see the result).</summary>
    [JsonStringEnumMemberName("seccomp")]
    Seccomp,

    /// <summary>PTRACE_SYSCALL: a stop at every entry and every exit; kept to measure what seccomp saves.</summary>
    [JsonStringEnumMemberName("syscall")]
    Syscall,
}
