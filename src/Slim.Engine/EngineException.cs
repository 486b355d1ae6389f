namespace Slim.Engine;

/// <summary>A container engine failure, with a reason and the object (image, container, endpoint) it concerns.</summary>
public sealed class EngineException : Exception
{
    public EngineException(EngineErrorReason reason, string subject, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        Subject = subject;
    }

    public EngineException()
        : this(EngineErrorReason.Failed, "", "engine error")
    {
    }

    public EngineException(string message)
        : this(EngineErrorReason.Failed, "", message)
    {
    }

    public EngineException(string message, Exception inner)
        : this(EngineErrorReason.Failed, "", message, inner)
    {
    }

    public EngineErrorReason Reason { get; }

    public string Subject { get; }
}
