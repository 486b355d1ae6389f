namespace Slim.Analysis.Xray;

/// <summary>
/// A canonical path prefix whose segments may hold <c>*</c> wildcards (<c>home/*/.cache/pip</c>): it matches the path it
/// names and everything below it.
/// </summary>
internal sealed class PathPattern
{
    private readonly string[] _segments;

    public PathPattern(string pattern, string label)
    {
        Pattern = pattern;
        Label = label;
        _segments = pattern.Split('/');
    }

    public string Pattern { get; }

    /// <summary>What the matched files are, for messages ("apt package lists").</summary>
    public string Label { get; }

    /// <summary>The directory (or file) of <paramref name="path"/> that the pattern matched, or null.</summary>
    public string? MatchPrefix(string path)
    {
        var start = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (start > path.Length)
            {
                return null;
            }

            var slash = path.IndexOf('/', start);
            var end = slash < 0 ? path.Length : slash;
            if (!Wildcard(_segments[i], path.AsSpan(start, end - start)))
            {
                return null;
            }

            if (i == _segments.Length - 1)
            {
                return path[..end];
            }

            if (slash < 0)
            {
                return null;
            }

            start = slash + 1;
        }

        return null;
    }

    /// <summary>Glob match of one segment where <c>*</c> stands for any run of characters.</summary>
    internal static bool Wildcard(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.SequenceEqual(text);
        }

        var head = pattern[..star];
        if (!text.StartsWith(head))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        for (var skip = head.Length; skip <= text.Length; skip++)
        {
            if (Wildcard(rest, text[skip..]))
            {
                return true;
            }
        }

        return false;
    }
}
