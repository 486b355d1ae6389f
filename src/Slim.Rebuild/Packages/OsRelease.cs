namespace Slim.Rebuild.Packages;

/// <summary>The distribution an image is built on, from os-release(5): ID and VERSION_ID (either may be missing).</summary>
public sealed record OsRelease(string Id, string? VersionId, string? PrettyName)
{
    /// <summary>
    /// The point release scanners name the distribution by: Debian's /etc/debian_version ("12.11", where VERSION_ID says
    /// "12"; trivy writes distro=debian-12.11 and its OS component's version so). Null: VERSION_ID is all there is.
    /// </summary>
    public string? PointRelease { get; init; }

    /// <summary>The most precise version known: the point release, else VERSION_ID.</summary>
    public string? Release => PointRelease ?? VersionId;

    /// <summary>
    /// This release with Debian's point release from the text of /etc/debian_version, when it is one: a testing or
    /// derived image's "trixie/sid" names no release, and Ubuntu's is Debian's, not its own.
    /// </summary>
    public OsRelease WithDebianVersion(string? debianVersion)
    {
        var version = debianVersion?.Trim();
        return Id == "debian" && version is { Length: > 0 } && version.All(c => char.IsAsciiDigit(c) || c == '.') && char.IsAsciiDigit(version[0])
            && (VersionId is null || version == VersionId || version.StartsWith(VersionId + ".", StringComparison.Ordinal))
            ? this with { PointRelease = version }
            : this;
    }

    public static OsRelease? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            fields[line[..equals]] = value;
        }

        return fields.TryGetValue("ID", out var id) && id.Length > 0
            ? new OsRelease(id, fields.GetValueOrDefault("VERSION_ID"), fields.GetValueOrDefault("PRETTY_NAME"))
            : null;
    }
}
