using System.Runtime.InteropServices;
using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Startup;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Init;

/// <summary>
/// PID 1 of the sensor container. A .NET runtime that is PID 1 reaps every child and so steals ptrace stops,
/// so this instance does not trace: it spawns the tracing instance as its child, relays signals to it, reaps
/// orphans (docker exec'd processes end up here), and exits with the status the tracer reports.
/// </summary>
internal static unsafe class ThinInit
{
    private const int ChildStatusFd = 3;

    public static int Run(SelfLauncher self, TracerArguments arguments)
    {
        // Before anything of the app starts: it must never see the bundle (TracerMount). Only the bundle's own
        // directory is moved, so a tracer started from elsewhere (a test's bind mount) is left alone.
        if (self.BundleDirectory != TracerMount.Directory || !self.ThroughLoader)
        {
            return Supervise(self, arguments);
        }

        var hiding = BundleHiding.Hide();
        if (hiding.Problem is { } problem)
        {
            ErrorOutput.Line($"init: {TracerMount.Directory} stays visible to the app: {problem}");
        }

        try
        {
            return Supervise(hiding.HasDoor ? self.Through(TracerMount.Door) : self, arguments);
        }
        finally
        {
            hiding.Restore();
        }
    }

    private static int Supervise(SelfLauncher self, TracerArguments arguments)
    {
        int* fds = stackalloc int[2];
        if (Libc.pipe2(fds, Kernel.OCloExec) != 0)
        {
            ErrorOutput.Line("init: pipe2: " + ErrnoNames.NameOf(Marshal.GetLastPInvokeError()));
            return 125;
        }

        var childArguments = (arguments with { UnderInit = true, StatusFd = ChildStatusFd }).ToArgv();
        int child;
        try
        {
            child = Spawner.Spawn(self.Argv(childArguments), Spawner.InheritedEnvironment(), [(fds[1], ChildStatusFd)]);
        }
        catch (InvalidOperationException e)
        {
            ErrorOutput.Line("init: " + e.Message);
            return 125;
        }

        Libc.close(fds[1]);
        using var relay = SignalRelay.Forward(child);
        var reaper = new Reaper(child);
        var thread = new Thread(reaper.Run) { IsBackground = true, Name = "reaper" };
        thread.Start();

        // The tracer writes its exit status before it exits; EOF without one means it died.
        var buffer = stackalloc byte[4];
        var read = 0;
        while (read < 4)
        {
            var n = (int)Libc.read(fds[0], buffer + read, (nuint)(4 - read));
            if (n < 0 && Marshal.GetLastPInvokeError() == Kernel.EINTR)
            {
                continue;
            }

            if (n <= 0)
            {
                break;
            }

            read += n;
        }

        if (read == 4)
        {
            return MemoryMarshal.Read<int>(new ReadOnlySpan<byte>(buffer, 4));
        }

        reaper.ChildExited.Wait(TimeSpan.FromSeconds(2));
        if (reaper.ChildStatus is { } status)
        {
            return status.ToExitStatus()?.ShellStatus ?? 125;
        }

        ErrorOutput.Line("init: the tracer ended without telling its status");
        return 125;
    }

    /// <summary>Reaps every child; remembers how the tracer ended.</summary>
    private sealed class Reaper(int child)
    {
        public ManualResetEventSlim ChildExited { get; } = new();

        public WaitStatus? ChildStatus { get; private set; }

        public void Run()
        {
            while (true)
            {
                int raw;
                var pid = Libc.waitpid(-1, &raw, 0);
                if (pid == child)
                {
                    ChildStatus = new WaitStatus(raw);
                    ChildExited.Set();
                }
                else if (pid < 0 && Marshal.GetLastPInvokeError() != Kernel.EINTR)
                {
                    Thread.Sleep(50); // no children right now: orphans may still arrive
                }
            }
        }
    }
}
