namespace Slim.Pipeline;

/// <summary>`slim build` cannot go on; the message is the one line the user sees.</summary>
public sealed class BuildException : Exception
{
    public BuildException(string message)
        : base(message)
    {
    }

    public BuildException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BuildException()
    {
    }
}
