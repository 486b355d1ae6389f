using Slim.Trace.Errors;

namespace Slim.Engine;

/// <summary>
/// A container engine failure: <see cref="Detail"/> says how the call failed, <see cref="SlimException.Subject"/> names the
/// image, container or endpoint it concerns; the root <see cref="SlimException.Reason"/> follows from the detail.
/// </summary>
public sealed class EngineException : SlimException
{
    public EngineException(EngineErrorReason reason, string subject, string message, Exception? inner = null)
        : base(RootReason(reason), subject, message, inner)
    {
        Detail = reason;
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

    /// <summary>How the call to the engine failed.</summary>
    public EngineErrorReason Detail { get; }

    /// <summary>What each detail means to the user.</summary>
    public static ErrorReason RootReason(EngineErrorReason detail) => detail switch
    {
        EngineErrorReason.Unavailable => ErrorReason.EngineUnavailable,
        EngineErrorReason.NotFound => ErrorReason.NotFound,
        EngineErrorReason.TooOld => ErrorReason.Unsupported,
        _ => ErrorReason.Failed,
    };
}
