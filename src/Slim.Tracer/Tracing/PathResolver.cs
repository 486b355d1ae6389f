using System.Text;

namespace Slim.Tracer.Tracing;

/// <summary>
/// Makes a path as a process asked for it absolute, against its working directory or a directory fd's path,
/// and folds <c>.</c>, <c>..</c> and repeated slashes lexically. Symlinks are left alone here: the report
/// follows them separately, inside the container root (see Reporting/SymlinkResolver).
/// </summary>
internal static class PathResolver
{
    /// <summary>The absolute form of <paramref name="asked"/>; null when it is relative and the base is unknown.</summary>
    public static string? Resolve(string asked, string? baseDirectory)
    {
        if (asked.StartsWith('/'))
        {
            return Normalize(asked);
        }

        if (baseDirectory is null || !baseDirectory.StartsWith('/'))
        {
            return null;
        }

        return Normalize(asked.Length == 0 ? baseDirectory : baseDirectory + "/" + asked);
    }

    /// <summary>Folds an absolute path: "/a//b/./c/../d" becomes "/a/b/d"; ".." above the root stays at the root.</summary>
    public static string Normalize(string absolute)
    {
        var parts = new List<string>();
        foreach (var part in absolute.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            return "/";
        }

        var builder = new StringBuilder(absolute.Length);
        foreach (var part in parts)
        {
            builder.Append('/').Append(part);
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or below it.</summary>
    public static bool IsUnder(string path, string directory)
    {
        var dir = directory.TrimEnd('/');
        return dir.Length == 0 || path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);
    }
}
