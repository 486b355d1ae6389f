using Slim.Trace.Errors;

namespace Slim.Pipeline.Sensor;

/// <summary>The sensor run could not do its job; the message is the one line the user sees. Failed unless a reason says otherwise.</summary>
public sealed class SensorException : SlimException
{
    public SensorException(ErrorReason reason, string? subject, string message, Exception? inner = null)
        : base(reason, subject, message, inner)
    {
    }

    public SensorException(string message)
        : this(ErrorReason.Failed, null, message)
    {
    }

    public SensorException(string message, Exception inner)
        : this(ErrorReason.Failed, null, message, inner)
    {
    }

    public SensorException()
        : this("the sensor run failed")
    {
    }
}
