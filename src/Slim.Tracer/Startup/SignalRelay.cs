using System.Runtime.InteropServices;
using Slim.Tracer.Native;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Startup;

/// <summary>
/// The signals the tracer relays to the application. SIGTERM and SIGINT also start the stop sequence;
/// the others (SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH) are only passed on.
/// </summary>
internal sealed class SignalRelay : IDisposable
{
    private static readonly int[] RelayedOnly = [Signals.SIGHUP, Signals.SIGQUIT, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGWINCH];

    private readonly List<PosixSignalRegistration> _registrations = [];

    public static SignalRelay Register(TraceSession session, StopRequest stop)
    {
        var relay = new SignalRelay();
        foreach (var signal in StopRequest.StopSignals)
        {
            relay._registrations.Add(PosixSignalRegistration.Create(ToPosixSignal(signal), context =>
            {
                context.Cancel = true;
                stop.Request(signal);
            }));
        }

        foreach (var signal in RelayedOnly)
        {
            relay._registrations.Add(PosixSignalRegistration.Create(ToPosixSignal(signal), context =>
            {
                context.Cancel = true;
                session.Signal(signal);
            }));
        }

        return relay;
    }

    /// <summary>Forwards signals to one pid (the thin init's use).</summary>
    public static SignalRelay Forward(int pid)
    {
        var relay = new SignalRelay();
        foreach (var signal in StopRequest.StopSignals.Concat(RelayedOnly))
        {
            relay._registrations.Add(PosixSignalRegistration.Create(ToPosixSignal(signal), context =>
            {
                context.Cancel = true;
                Libc.kill(pid, signal);
            }));
        }

        return relay;
    }

    /// <summary>The named PosixSignal values are negative placeholders; raw numbers are accepted as they are.</summary>
    private static PosixSignal ToPosixSignal(int signal) => signal switch
    {
        Signals.SIGHUP => PosixSignal.SIGHUP,
        Signals.SIGINT => PosixSignal.SIGINT,
        Signals.SIGQUIT => PosixSignal.SIGQUIT,
        Signals.SIGTERM => PosixSignal.SIGTERM,
        Signals.SIGWINCH => PosixSignal.SIGWINCH,
        _ => (PosixSignal)signal,
    };

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
