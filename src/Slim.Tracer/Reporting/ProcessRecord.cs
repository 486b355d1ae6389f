using Slim.Trace;

namespace Slim.Tracer.Reporting;

/// <summary>What the recorder knows of a process while the trace runs (mutable; frozen into TracedProcess).</summary>
internal sealed class ProcessRecord(int pid, int parentPid, string? comm)
{
    public int Pid { get; } = pid;

    public int ParentPid { get; } = parentPid;

    public string? Comm { get; set; } = comm;

    public string? Exe { get; set; }

    public IReadOnlyList<string> Argv { get; set; } = [];

    public List<string> Execs { get; } = [];

    public int Threads { get; set; } = 1;

    public ExitStatus? Exit { get; set; }

    public TracedProcess Freeze() => new(Pid, ParentPid, Exe, Argv, [.. Execs], Threads, Exit);
}
