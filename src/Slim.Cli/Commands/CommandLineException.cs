using Slim.Trace.Errors;

namespace Slim.Cli.Commands;

/// <summary>An option value, or a file an option names, that cannot be used as given: bad input (exit 2), one line.</summary>
internal sealed class CommandLineException : SlimException
{
    public CommandLineException(string message)
        : base(ErrorReason.BadInput, null, message)
    {
    }

    public CommandLineException(string message, Exception inner)
        : base(ErrorReason.BadInput, null, message, inner)
    {
    }

    public CommandLineException()
        : this("a value on the command line cannot be used")
    {
    }
}
