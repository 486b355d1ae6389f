using Slim.Trace.Errors;

namespace Slim.Pipeline.Compose;

/// <summary>A Compose file slim cannot use, or a dependency that did not come up; the message is the one line the user sees.</summary>
public sealed class ComposeException : SlimException
{
    public ComposeException(ErrorReason reason, string? subject, string message, Exception? inner = null)
        : base(reason, subject, message, inner)
    {
    }

    public ComposeException(string message)
        : this(ErrorReason.BadInput, null, message)
    {
    }

    public ComposeException(string message, Exception inner)
        : this(ErrorReason.BadInput, null, message, inner)
    {
    }

    public ComposeException()
        : this("the Compose file cannot be used")
    {
    }
}
