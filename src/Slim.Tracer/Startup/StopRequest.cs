using Slim.Tracer.Native;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Startup;

/// <summary>
/// SIGTERM/SIGINT to the tracer: the application gets the signal first, then the grace period, then SIGKILL.
/// </summary>
internal sealed class StopRequest(TraceSession session, TimeSpan grace) : IDisposable
{
    private readonly Lock _gate = new();
    private Timer? _killer;

    public bool Requested { get; private set; }

    /// <summary>When SIGKILL goes (or went) out; null before any stop request.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    public void Request(int signal)
    {
        lock (_gate)
        {
            session.Signal(signal);
            if (Requested)
            {
                return;
            }

            Requested = true;
            Deadline = DateTimeOffset.UtcNow + grace;
            _killer = new Timer(_ => session.KillAll(), null, grace, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _killer?.Dispose();

    internal static readonly int[] StopSignals = [Signals.SIGTERM, Signals.SIGINT];
}
