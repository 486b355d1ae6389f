namespace Slim.Pipeline.Sensor;

/// <summary>The events that can end profiling.</summary>
public enum ContinueAfterKind
{
    Probe,
    Exec,
    Exit,
    Timeout,
    Signal,
    Enter,
}
