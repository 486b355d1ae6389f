using System.Runtime.InteropServices;
using Slim.Trace;
using Slim.Tracer.Fanotify;
using Slim.Tracer.Native;
using Slim.Tracer.Reporting;
using Slim.Tracer.Tracing;
using Slim.Tracer.Users;

namespace Slim.Tracer.Startup;

/// <summary>
/// The tracing instance: starts the trace thread, the fanotify reader and the snapshot timer, relays signals,
/// and writes the final report. Returns the application's exit status (128+N when a signal killed it).
/// </summary>
internal static unsafe class TracerHost
{
    private const int TracerFailure = 125;
    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    public static int Run(TracerArguments options, SelfLauncher self)
    {
        if (options.StatusFd is { } statusFd)
        {
            Libc.fcntl(statusFd, Kernel.FSetFd, Kernel.FdCloExec); // the application must not inherit it
        }

        // Orphans of the traced tree come to us rather than to PID 1: we see their exits and reap them.
        Libc.prctl(Kernel.PrSetChildSubreaper, 1, 0, 0, 0);

        ResolvedUser? user = null;
        if (options.User is { } spec)
        {
            try
            {
                user = UserDatabase.Load(options.Root).Resolve(spec);
            }
            catch (UserLookupException e)
            {
                return Finish(options, TracerFailure, "--user " + spec + ": " + e.Message);
            }
        }

        var header = new ReportHeader(
            options.Kind,
            options.Mode,
            options.Command,
            user is null
                ? new TracedUser(null, (int)Libc.getuid(), (int)Libc.getgid(), [])
                : new TracedUser(user.Requested, user.Uid, user.Gid, user.Groups),
            DateTimeOffset.UtcNow);
        var reportFile = new ReportFile(options.Report ?? DefaultReportPath(options, self));
        var recorder = new TraceRecorder(self.BundleDirectory, options.Root);
        using var session = new TraceSession(recorder, options.Mode);

        FanotifyWatcher? watcher = null;
        if (options.Fanotify)
        {
            watcher = FanotifyWatcher.TryStart(
                recorder, self.BundleDirectory, options.UnderInit, options.UnderInit ? _ => true : recorder.IsTraced);
        }
        else
        {
            recorder.Fanotify = new FanotifyState(false, [], "disabled with --no-fanotify");
        }

        var stubArgv = self.Argv(TraceeStub.Arguments(options.Mode == TraceMode.Seccomp, user, options.Command));
        var environment = Spawner.InheritedEnvironment();
        // Signals are taken over before the command starts: a SIGTERM in between must not kill the tracer.
        using var stop = new StopRequest(session, options.GracePeriod);
        using var signals = SignalRelay.Register(session, stop);
        var traceThread = new Thread(() => session.Run(stubArgv, environment)) { IsBackground = true, Name = "ptrace" };
        traceThread.Start();
        session.WaitStarted(TimeSpan.FromSeconds(30));
        using var snapshots = new SnapshotWriter(recorder, header, reportFile, SnapshotInterval);

        // After a stop request the tree gets the grace period and a SIGKILL; if the loop is still stuck a few
        // seconds after that, the report is written anyway: a report must always come out.
        while (!traceThread.Join(TimeSpan.FromMilliseconds(200)))
        {
            if (stop.Deadline is { } deadline && DateTimeOffset.UtcNow > deadline + TimeSpan.FromSeconds(3))
            {
                recorder.Error("ptrace", "the traced processes did not end after SIGKILL; writing the report anyway");
                break;
            }
        }

        watcher?.Stop();
        var exit = session.RootExit;
        var completion = session.FailedToStart ? TraceCompletion.Failed
            : stop.Requested ? TraceCompletion.Stopped
            : exit?.Signal is not null ? TraceCompletion.Signaled
            : TraceCompletion.Exited;
        var code = session.FailedToStart ? TracerFailure : exit?.ShellStatus ?? TracerFailure;
        try
        {
            reportFile.WriteFinal(recorder.Build(header, completion, exit));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Finish(options, code, $"cannot write the report {reportFile.Path}: {e.Message}");
        }

        if (session.FailedToStart)
        {
            foreach (var error in recorder.Build(header, completion, exit).Errors)
            {
                ErrorOutput.Line($"{error.Where}: {error.Message}");
            }
        }

        return Finish(options, code, null);
    }

    // Beside the bundle wherever it is (TracerMount.Artifacts in a container, bin/tracer/artifacts on a host).
    private static string DefaultReportPath(TracerArguments options, SelfLauncher self) =>
        Path.Combine(self.BundleDirectory, Path.GetFileName(TracerMount.Artifacts), options.Kind == TraceKind.Exec ? $"exec-{Libc.getpid()}.json" : TracerMount.MainReport);

    /// <summary>Tells the thin init our status (it may have lost it to the runtime's reaping) and returns it.</summary>
    private static int Finish(TracerArguments options, int code, string? message)
    {
        if (message is not null)
        {
            ErrorOutput.Line(message);
        }

        if (options.StatusFd is { } fd)
        {
            var bytes = stackalloc byte[4];
            MemoryMarshal.Write(new Span<byte>(bytes, 4), code);
            Libc.write(fd, bytes, 4);
        }

        return code;
    }
}
