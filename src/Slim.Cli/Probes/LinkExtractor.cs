using System.Text.RegularExpressions;

namespace Slim.Cli.Probes;

/// <summary>
/// Finds the links a browser would follow or fetch in an HTML page or stylesheet: href and src
/// attributes, srcset candidates and CSS url(...). A deliberately small scanner, not an HTML parser:
/// the crawl only has to touch the files the app serves.
/// </summary>
public static partial class LinkExtractor
{
    [GeneratedRegex("""(?:href|src|data-src|poster)\s*=\s*["']([^"'<>]+)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributeLink();

    [GeneratedRegex("""srcset\s*=\s*["']([^"'<>]+)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceSet();

    [GeneratedRegex("""url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CssLink();

    /// <summary>Same-origin absolute URIs found in <paramref name="content"/>, fragments removed, in order of appearance.</summary>
    public static IReadOnlyList<Uri> SameOriginLinks(string content, Uri page)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(page);
        var raw = new List<string>();
        raw.AddRange(AttributeLink().Matches(content).Select(m => m.Groups[1].Value));
        foreach (Match m in SourceSet().Matches(content))
        {
            raw.AddRange(m.Groups[1].Value.Split(',').Select(c => c.Trim().Split(' ')[0]));
        }

        foreach (Match m in CssLink().Matches(content))
        {
            raw.Add(m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : m.Groups[2].Value);
        }

        var links = new List<Uri>();
        foreach (var text in raw.Select(r => r.Trim()).Where(r => r.Length > 0))
        {
            if (text.StartsWith('#') || text.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Uri.TryCreate(page, System.Net.WebUtility.HtmlDecode(text), out var uri))
            {
                continue;
            }

            if (uri.Scheme != page.Scheme || uri.Host != page.Host || uri.Port != page.Port)
            {
                continue;
            }

            var clean = new UriBuilder(uri) { Fragment = string.Empty }.Uri;
            if (!links.Contains(clean))
            {
                links.Add(clean);
            }
        }

        return links;
    }
}
