using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>"rootfs": the layer diff_ids, the digests of the uncompressed layer tars, base first.</summary>
public sealed record RootFs
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";

    [JsonPropertyName("diff_ids")]
    public required IReadOnlyList<Digest> DiffIds { get; init; }
}
