using System.Text.Json.Serialization;

namespace Slim.Pipeline.Report;

/// <summary>A hash: the algorithm as CycloneDX names it ("SHA-256") and the lowercase hex digest.</summary>
public sealed record CycloneDxHash(
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("content")] string Content);
