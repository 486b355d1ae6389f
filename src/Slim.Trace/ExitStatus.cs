namespace Slim.Trace;

/// <summary>How a process ended: an exit code, or the signal that killed it.</summary>
/// <param name="Code">The exit code, null when a signal killed the process.</param>
/// <param name="Signal">The signal number that killed it, null when it exited.</param>
/// <param name="CoreDumped">Whether the kernel dumped core.</param>
public sealed record ExitStatus(int? Code, int? Signal, bool CoreDumped = false)
{
    /// <summary>The status a shell (and an init) reports for it: the code, or 128 + the signal.</summary>
    public int ShellStatus => Code ?? 128 + (Signal ?? 0);
}
