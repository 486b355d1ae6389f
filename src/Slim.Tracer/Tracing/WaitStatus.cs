using Slim.Trace;

namespace Slim.Tracer.Tracing;

/// <summary>The W* macros of sys/wait.h over a raw waitpid status.</summary>
internal readonly record struct WaitStatus(int Raw)
{
    public bool Exited => (Raw & 0x7f) == 0;

    public bool Signaled => (Raw & 0x7f) != 0 && (Raw & 0x7f) != 0x7f;

    public bool Stopped => (Raw & 0xff) == 0x7f;

    public int ExitCode => (Raw >> 8) & 0xff;

    public int TermSignal => Raw & 0x7f;

    public int StopSignal => (Raw >> 8) & 0xff;

    /// <summary>The PTRACE_EVENT_* number of a ptrace event stop, 0 otherwise.</summary>
    public int Event => (Raw >> 16) & 0xff;

    public bool CoreDumped => (Raw & 0x80) != 0;

    public ExitStatus? ToExitStatus() =>
        Exited ? new ExitStatus(ExitCode, null) : Signaled ? new ExitStatus(null, TermSignal, CoreDumped) : null;
}
