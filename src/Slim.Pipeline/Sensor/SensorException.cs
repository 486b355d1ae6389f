namespace Slim.Pipeline.Sensor;

/// <summary>The sensor run could not do its job; the message is the one line the user sees.</summary>
public sealed class SensorException : Exception
{
    public SensorException(string message)
        : base(message)
    {
    }

    public SensorException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SensorException()
    {
    }
}
