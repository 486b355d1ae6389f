using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>One image in a `docker save` archive's manifest.json: paths of its config and layers inside the archive.</summary>
public sealed record DockerArchiveManifestEntry
{
    [JsonPropertyName("Config")]
    public required string Config { get; init; }

    [JsonPropertyName("RepoTags")]
    public IReadOnlyList<string>? RepoTags { get; init; }

    [JsonPropertyName("Layers")]
    public required IReadOnlyList<string> Layers { get; init; }
}
