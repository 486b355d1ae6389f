using Slim.Trace.Errors;

namespace Slim.Analysis.Gate;

/// <summary>A rule, a rules file or a baseline that cannot be used as given: bad input, reported as one line (exit 2).</summary>
public sealed class GateInputException : SlimException
{
    public GateInputException(string message)
        : base(ErrorReason.BadInput, null, message)
    {
    }

    public GateInputException(string message, Exception inner)
        : base(ErrorReason.BadInput, null, message, inner)
    {
    }

    public GateInputException()
        : this("invalid gate input")
    {
    }
}
