namespace Slim.Pipeline.Compose;

/// <summary>One service of a Compose file, with the keys slim uses; the others are ignored.</summary>
public sealed record ComposeService
{
    public required string Name { get; init; }

    /// <summary>Null: the service only has `build:` (slim does not build images).</summary>
    public string? Image { get; init; }

    public bool HasBuild { get; init; }

    /// <summary>NAME=VALUE, env_file entries first and `environment` after (it wins, as in Compose).</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Null: the image's own.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Null: the image's own.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<ComposeDependency> DependsOn { get; init; } = [];

    /// <summary>Null: the image's own.</summary>
    public ComposeHealthcheck? Healthcheck { get; init; }

    /// <summary>Container ports ("80/tcp"); host ports are not kept, slim publishes on ports the engine picks.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    public IReadOnlyList<ComposeVolume> Volumes { get; init; } = [];

    /// <summary>The networks it joins; `default` when the file names none.</summary>
    public IReadOnlyList<ComposeServiceNetwork> Networks { get; init; } = [new(ComposeFile.DefaultNetwork, [])];
}
