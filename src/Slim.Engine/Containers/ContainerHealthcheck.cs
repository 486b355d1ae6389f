namespace Slim.Engine.Containers;

/// <summary>
/// A container's healthcheck as docker run's --health-* flags set it. <see cref="Test"/> is the engine's form: ["CMD", args…],
/// ["CMD-SHELL", command] or ["NONE"] (the image's own check turned off). Zero durations and retries: the engine's defaults.
/// </summary>
public sealed record ContainerHealthcheck(IReadOnlyList<string> Test)
{
    public TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; }

    public int Retries { get; init; }

    public TimeSpan StartPeriod { get; init; }
}
