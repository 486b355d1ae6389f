using Slim.Trace;

namespace Slim.Tracer.Reporting;

/// <summary>
/// Rewrites the report every interval while the trace runs (only when something changed), so that a container
/// killed outright still leaves a complete, valid document of everything up to the last second.
/// </summary>
internal sealed class SnapshotWriter : IDisposable
{
    private readonly TraceRecorder _recorder;
    private readonly ReportHeader _header;
    private readonly ReportFile _file;
    private readonly Timer _timer;
    private long _written = -1;
    private int _busy;

    public SnapshotWriter(TraceRecorder recorder, ReportHeader header, ReportFile file, TimeSpan interval)
    {
        _recorder = recorder;
        _header = header;
        _file = file;
        _timer = new Timer(_ => Write(), null, interval, interval);
    }

    private void Write()
    {
        // Timer callbacks can overlap when a write is slow; one at a time is enough.
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            return;
        }

        try
        {
            var version = _recorder.Version;
            if (version == _written)
            {
                return;
            }

            _file.WriteSnapshot(_recorder.Build(_header, TraceCompletion.Snapshot, null));
            _written = version;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _recorder.Error("report", "snapshot: " + e.Message);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
