using System.Runtime.InteropServices;

namespace Slim.Pipeline.Sensor;

/// <summary>
/// SIGUSR1 as the user's "profiling is done" (`--continue-after signal`). Registered for the whole
/// command, so a signal sent early is remembered instead of killing slim (SIGUSR1's default action)
/// and leaving the sensor container behind.
/// </summary>
public sealed class ProfilingSignal : IDisposable
{
    private const int SigUsr1 = 10; // x86_64 Linux
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _registration;

    public ProfilingSignal()
    {
        _registration = PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
        {
            context.Cancel = true;
            _received.TrySetResult();
        });
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _received.Task.WaitAsync(cancellationToken);

    public void Dispose() => _registration.Dispose();
}
