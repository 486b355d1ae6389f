using Slim.Images.Sources;

namespace Slim.Cli.Commands;

/// <summary>What `slim inspect` tells about an image, in the shape of its --json output.</summary>
internal sealed record ImageInspection
{
    public required string Name { get; init; }

    public required string Digest { get; init; }

    /// <summary>The index the reference named (a multi-platform tag in a registry), and the platforms it lists.</summary>
    public string? IndexDigest { get; init; }

    public IReadOnlyList<string>? Platforms { get; init; }

    public required string ConfigDigest { get; init; }

    public IReadOnlyList<string> RepoTags { get; init; } = [];

    public DateTimeOffset? Created { get; init; }

    public string? Author { get; init; }

    public string? Architecture { get; init; }

    public string? Os { get; init; }

    public string? Variant { get; init; }

    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? StopSignal { get; init; }

    public long Size { get; init; }

    public IReadOnlyList<InspectedLayer> Layers { get; init; } = [];

    /// <summary>Paths in the final filesystem (with --files).</summary>
    public int? FileCount { get; init; }

    /// <summary>Bytes in regular files of the final filesystem (with --files).</summary>
    public long? FileBytes { get; init; }

    public IReadOnlyList<InspectedHistory> History { get; init; } = [];

    public static ImageInspection From(string name, SourceImage image)
    {
        var config = image.Config.Config;
        return new ImageInspection
        {
            Name = name,
            Digest = image.ManifestDescriptor.Digest.ToString(),
            ConfigDigest = image.ConfigDescriptor.Digest.ToString(),
            RepoTags = image.Names,
            Created = image.Config.Created,
            Author = image.Config.Author,
            Architecture = image.Config.Architecture,
            Os = image.Config.Os,
            Variant = image.Config.Variant,
            User = config?.User,
            WorkingDir = config?.WorkingDir,
            Env = config?.Env ?? [],
            Entrypoint = config?.Entrypoint,
            Cmd = config?.Cmd,
            ExposedPorts = config?.ExposedPorts?.Keys.Order(StringComparer.Ordinal).ToList() ?? [],
            Volumes = config?.Volumes?.Keys.Order(StringComparer.Ordinal).ToList() ?? [],
            Labels = config?.Labels ?? new Dictionary<string, string>(),
            StopSignal = config?.StopSignal,
            Size = image.Layers.Sum(l => l.Size),
            Layers = image.Layers.Select((l, i) => new InspectedLayer(l.Digest.ToString(), image.DiffId(i).ToString(), l.MediaType.Value, l.Size)).ToList(),
            History = (image.Config.History ?? []).Select(h => new InspectedHistory(h.Created, h.CreatedBy, h.Comment, h.EmptyLayer ?? false)).ToList(),
        };
    }
}
