namespace Slim.Pipeline.Compose;

/// <summary>A service's `healthcheck`: the test in the engine's form (["CMD", …], ["CMD-SHELL", cmd], ["NONE"]); zero: the engine's default.</summary>
public sealed record ComposeHealthcheck(IReadOnlyList<string> Test)
{
    public TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; }

    public int Retries { get; init; }

    public TimeSpan StartPeriod { get; init; }

    /// <summary>`test: ["NONE"]` or `disable: true`: the image's own check is off.</summary>
    public bool Disabled => Test.Count > 0 && Test[0] == "NONE";
}
