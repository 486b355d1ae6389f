using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>The OS and CPU an image is for: <c>os/architecture[/variant]</c>, as in the OCI index "platform".</summary>
public sealed record Platform
{
    public static readonly Platform LinuxAmd64 = new() { Os = "linux", Architecture = "amd64" };

    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    [JsonPropertyName("os")]
    public required string Os { get; init; }

    [JsonPropertyName("os.version")]
    public string? OsVersion { get; init; }

    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary>Parses <c>linux/amd64</c> or <c>linux/arm64/v8</c>.</summary>
    public static Platform Parse(string value)
    {
        var parts = value.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            throw new ImageException(ImageErrorReason.InvalidReference, value, $"'{value}' is not a platform (expected os/arch[/variant], e.g. linux/amd64)");
        }

        return new Platform { Os = parts[0].ToLowerInvariant(), Architecture = parts[1].ToLowerInvariant(), Variant = parts.Length == 3 ? parts[2].ToLowerInvariant() : null };
    }

    /// <summary>True when a candidate from an index fits this wanted platform (a missing variant matches any).</summary>
    public bool Accepts(Platform? candidate) =>
        candidate is not null
        && candidate.Os == Os
        && candidate.Architecture == Architecture
        && (Variant is null || candidate.Variant == Variant);

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
