using System.Runtime.InteropServices;
using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Reporting;
using Slim.Tracer.Startup;

namespace Slim.Tracer.Tracing;

/// <summary>
/// Starts the stub and seizes it: spawn, wait for the stub to stop itself, PTRACE_SEIZE with the options the mode needs.
/// Seizing only once it is stopped means nothing it does escapes the tracer. Runs on the ptrace thread.
/// </summary>
internal static unsafe class StubLauncher
{
    /// <summary>The seized, still stopped stub's pid; or false, with the reason recorded and nothing left running.</summary>
    /// <param name="exit">How the stub ended when it ended instead of stopping; null otherwise.</param>
    public static bool TryLaunch(IReadOnlyList<string> stubArgv, IReadOnlyList<string> environment, TraceMode mode, TraceRecorder recorder, out int pid, out ExitStatus? exit)
    {
        exit = null;
        try
        {
            pid = Spawner.Spawn(stubArgv, environment);
        }
        catch (InvalidOperationException e)
        {
            recorder.Error("spawn", e.Message);
            pid = 0;
            return false;
        }

        int raw;
        int r;
        do
        {
            r = Libc.waitpid(pid, &raw, Wait.Untraced);
        }
        while (r < 0 && Marshal.GetLastPInvokeError() == Kernel.EINTR);
        var status = new WaitStatus(raw);
        if (r != pid || !status.Stopped)
        {
            recorder.Error("spawn", $"the stub did not stop as expected (waitpid {r}, status 0x{raw:x})");
            exit = r == pid ? status.ToExitStatus() : null;
            return false;
        }

        var options = Ptrace.OptionTraceSysGood | Ptrace.OptionTraceFork | Ptrace.OptionTraceVFork
            | Ptrace.OptionTraceClone | Ptrace.OptionTraceExec | Ptrace.OptionExitKill
            | (mode == TraceMode.Seccomp ? Ptrace.OptionTraceSeccomp : 0);
        if (Libc.ptrace(Ptrace.Seize, pid, 0, options) != 0)
        {
            recorder.Error("ptrace", $"PTRACE_SEIZE {pid}: {ErrnoNames.NameOf(Marshal.GetLastPInvokeError())} (is CAP_SYS_PTRACE granted?)");
            Libc.kill(pid, Signals.SIGKILL);
            Libc.waitpid(pid, &raw, 0);
            return false;
        }

        return true;
    }
}
