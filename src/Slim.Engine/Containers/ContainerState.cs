namespace Slim.Engine.Containers;

/// <summary>A container as the engine sees it now.</summary>
/// <param name="Ports">Container port ("8080/tcp") to the host port the engine published it on.</param>
public sealed record ContainerState(bool Running, long? ExitCode, IReadOnlyDictionary<string, int> Ports)
{
    /// <summary>The healthcheck's verdict ("starting", "healthy", "unhealthy"); null when the container has no healthcheck.</summary>
    public string? Health { get; init; }
}
