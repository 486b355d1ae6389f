using Slim.Trace.Errors;

namespace Slim.Pipeline;

/// <summary>`slim build` cannot go on; the message is the one line the user sees. Failed unless a reason says otherwise.</summary>
public sealed class BuildException : SlimException
{
    public BuildException(ErrorReason reason, string? subject, string message, Exception? inner = null)
        : base(reason, subject, message, inner)
    {
    }

    public BuildException(string message)
        : this(ErrorReason.Failed, null, message)
    {
    }

    public BuildException(string message, Exception inner)
        : this(ErrorReason.Failed, null, message, inner)
    {
    }

    public BuildException()
        : this("the build failed")
    {
    }
}
