namespace Slim.Trace.Errors;

/// <summary>
/// The root of slim's own failures: a <see cref="Reason"/> that says what kind of failure it is (and so the exit code), a
/// <see cref="Subject"/> that names what it is about (an image, a layer, a path, an option), and a message that is the one
/// line the user sees. One subclass per domain; anything else that escapes a command is a bug.
/// </summary>
public abstract class SlimException : Exception
{
    protected SlimException(ErrorReason reason, string? subject, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        Subject = subject ?? "";
    }

    public ErrorReason Reason { get; }

    /// <summary>What the failure is about; empty when nothing narrower than the whole operation.</summary>
    public string Subject { get; }
}
