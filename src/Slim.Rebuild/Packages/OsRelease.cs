namespace Slim.Rebuild.Packages;

/// <summary>The distribution an image is built on, from os-release(5): ID and VERSION_ID (either may be missing).</summary>
public sealed record OsRelease(string Id, string? VersionId, string? PrettyName)
{
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
