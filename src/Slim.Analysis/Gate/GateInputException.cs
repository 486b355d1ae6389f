namespace Slim.Analysis.Gate;

/// <summary>A rule, a rules file or a baseline that cannot be used as given: bad input, reported as one line (exit 2).</summary>
public sealed class GateInputException : Exception
{
    public GateInputException(string message)
        : base(message)
    {
    }

    public GateInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GateInputException()
        : this("invalid gate input")
    {
    }
}
