namespace Slim.Pipeline.Sensor;

/// <summary>
/// Changes to how the image is started for the profiling run only (`--entrypoint`, `--cmd`, `--env`,
/// `--user`, `--workdir`, `--expose`, `--mount`); null or empty means the image's own.
/// </summary>
public sealed record RunOverrides
{
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>Extra container ports to publish ("8080" or "8080/tcp").</summary>
    public IReadOnlyList<string> Expose { get; init; } = [];

    /// <summary>Bind or volume mounts in docker's `SRC:DST[:ro]` form.</summary>
    public IReadOnlyList<string> Mounts { get; init; } = [];
}
