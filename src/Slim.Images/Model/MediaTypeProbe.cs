using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>Just the "mediaType" and "manifests" presence of a JSON document, to tell a manifest from an index.</summary>
internal sealed record MediaTypeProbe
{
    [JsonPropertyName("mediaType")]
    public MediaType? MediaType { get; init; }

    [JsonPropertyName("manifests")]
    public System.Text.Json.JsonElement? Manifests { get; init; }
}
