namespace Slim.Engine;

/// <summary>The engine's view of an image: what slim reads of it to run and report it.</summary>
public sealed record EngineImage
{
    /// <summary>The image ID: its config digest ("sha256:...").</summary>
    public required string Id { get; init; }

    public long Size { get; init; }

    public string? Os { get; init; }

    public string? Architecture { get; init; }

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The HEALTHCHECK's test as the config holds it (["CMD", prog, ...], ["CMD-SHELL", line] or ["NONE"]).</summary>
    public IReadOnlyList<string>? HealthcheckTest { get; init; }

    /// <summary>The ports the image declares ("8080/tcp").</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];
}
