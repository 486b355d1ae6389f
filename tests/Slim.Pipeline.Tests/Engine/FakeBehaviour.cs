namespace Slim.Pipeline.Tests.Engine;

/// <summary>What a container of the <see cref="FakeContainerEngine"/> does once started.</summary>
internal sealed record FakeBehaviour
{
    /// <summary>Exits by itself with this code as soon as it starts; null: runs until stopped.</summary>
    public long? ExitsWith { get; init; } = 0;

    public string Stdout { get; init; } = "";

    /// <summary>What its healthcheck says once it runs ("healthy", "unhealthy"); null: it has none.</summary>
    public string? Health { get; init; }

    /// <summary>What every exec in it prints.</summary>
    public string ExecStdout { get; init; } = "";

    /// <summary>Published ports, container port ("6379/tcp") to host port: a test listens on 127.0.0.1 at the host port.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Files left in the copied-out directory (the tracer's reports), by name.</summary>
    public IReadOnlyDictionary<string, byte[]> Artifacts { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);
}
