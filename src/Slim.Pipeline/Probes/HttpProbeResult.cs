using System.Text.Json.Serialization;

namespace Slim.Pipeline.Probes;

/// <summary>What one probe request got back: the status (null when no answer came) and the body's size and hash.</summary>
public sealed record HttpProbeResult(
    string Method,
    string Path,
    int Port,
    int? Status,
    long BodyBytes,
    string? BodySha256,
    string? Error,
    double Milliseconds)
{
    /// <summary>How much of a body is kept to show where two answers differ; the hash covers all of it.</summary>
    public const int HeadBytes = 64 * 1024;

    /// <summary>The body's first <see cref="HeadBytes"/> as text, to name the first line that differs; not in the report.</summary>
    [JsonIgnore]
    public string? BodyHead { get; init; }
}
