namespace Slim.Images.Archives;

/// <summary>
/// Names inside archives and layers, made canonical and kept inside their root: <c>./a//b/</c> is <c>a/b</c>;
/// absolute names and any <c>..</c> component are refused.
/// </summary>
public static class ArchivePath
{
    /// <summary>The canonical relative form, or an <see cref="ImageException"/> (UnsafePath) naming <paramref name="subject"/>.</summary>
    public static string Normalize(string name, string subject)
    {
        if (!TryNormalize(name, out var normalized))
        {
            throw new ImageException(ImageErrorReason.UnsafePath, name, $"{subject}: entry '{name}' leaves its root (absolute name or '..')");
        }

        return normalized;
    }

    public static bool TryNormalize(string name, out string normalized)
    {
        normalized = "";
        if (name.StartsWith('/') || name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                return false;
            }

            parts.Add(part);
        }

        normalized = string.Join('/', parts);
        return true;
    }

    /// <summary>
    /// Resolves a relative path that may climb with <c>..</c> (a link target joined to its directory), failing when it
    /// would climb above the root or is absolute.
    /// </summary>
    public static bool TryResolveWithin(string path, out string normalized)
    {
        normalized = "";
        if (path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        normalized = string.Join('/', parts);
        return true;
    }

    /// <summary>The parent directory of a canonical path ("" for the root's children).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
