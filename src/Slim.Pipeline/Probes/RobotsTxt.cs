namespace Slim.Pipeline.Probes;

/// <summary>
/// What a robots.txt tells a crawler about where things are: Allow and Disallow paths (those with
/// no wildcard, which name one place) and Sitemap URLs, in file order. The crawl visits disallowed
/// paths too: it is the app's own test, not a guest.
/// </summary>
public static class RobotsTxt
{
    public static IReadOnlyList<string> References(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var references = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#', 2)[0];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var field = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (field)
            {
                case "allow" or "disallow" when value.StartsWith('/') && !value.Contains('*', StringComparison.Ordinal) && !value.EndsWith('$'):
                    references.Add(value);
                    break;
                case "sitemap" when value.Length > 0:
                    references.Add(value);
                    break;
            }
        }

        return references;
    }
}
