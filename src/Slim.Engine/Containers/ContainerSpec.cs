namespace Slim.Engine.Containers;

/// <summary>A container to create: what docker run's flags would say, only those slim uses.</summary>
public sealed record ContainerSpec
{
    public required string Image { get; init; }

    /// <summary>Null: the image's own.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Null: the image's own; empty: none.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Null: the image's own.</summary>
    public string? User { get; init; }

    /// <summary>Null: the image's own.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Ports ("8080/tcp") exposed and published on the engine's publish address, on host ports the engine picks.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary>Capabilities taken away ("ALL" for every one); added ones are given back after.</summary>
    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <summary>docker run --read-only: the root filesystem is mounted read-only.</summary>
    public bool ReadOnlyRootfs { get; init; }

    /// <summary>Directories mounted as tmpfs (docker run --tmpfs DIR[:OPTIONS]); without options, the engine's defaults.</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    /// <summary>Anonymous volumes (docker run --volume DIR), filled from the image; removed with the container.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    /// <summary>Bind mounts, SRC:DST[:ro].</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary>User-defined networks to join (`--network`): the first is the network mode, the others are connected too; empty: the default bridge.</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Names the container is also known by on a network of <see cref="Networks"/> (docker run --network-alias), by network.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> NetworkAliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Null: the image's own healthcheck.</summary>
    public ContainerHealthcheck? Healthcheck { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
