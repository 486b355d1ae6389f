namespace Slim.Pipeline.Probes;

/// <summary>Turns references found in a body into the absolute, same-origin, fragment-free URIs the crawl may request.</summary>
public static class LinkResolution
{
    /// <param name="baseUri">What relative references resolve against (a page's &lt;base href&gt;, else the page).</param>
    /// <param name="page">Whose origin the links must share.</param>
    public static IReadOnlyList<Uri> SameOrigin(IEnumerable<string> references, Uri baseUri, Uri page)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(page);
        var links = new List<Uri>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (Resolve(reference, baseUri, page) is { } uri && known.Add(uri.PathAndQuery))
            {
                links.Add(uri);
            }
        }

        return links;
    }

    /// <summary>The URI a browser would fetch for <paramref name="reference"/>, or null when it leaves the origin or names no resource.</summary>
    public static Uri? Resolve(string reference, Uri baseUri, Uri page)
    {
        ArgumentNullException.ThrowIfNull(reference);
        // As the URL parser does: strip surrounding whitespace and drop tabs and newlines inside.
        var text = reference.Trim().Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return null;
        }

        if (!Uri.TryCreate(baseUri, text, out var uri) || !SameOrigin(uri, page))
        {
            return null;
        }

        return uri.Fragment.Length == 0 ? uri : new UriBuilder(uri) { Fragment = string.Empty }.Uri;
    }

    public static bool SameOrigin(Uri uri, Uri page) =>
        uri.IsAbsoluteUri && uri.Scheme == page.Scheme && string.Equals(uri.Host, page.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == page.Port;
}
