namespace Slim.Pipeline.Probes;

/// <summary>
/// The same-origin links the crawl follows from one body, by what the body is: an HTML page, a
/// stylesheet, JSON, a sitemap, or robots.txt. Absolute, fragment-free, each once, in document order.
/// API documents are read by <see cref="ApiDescription"/>, since they name methods as well as paths.
/// </summary>
public static class LinkExtractor
{
    public static IReadOnlyList<Uri> SameOriginLinks(ContentKind kind, string content, Uri page)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(page);
        return kind switch
        {
            ContentKind.Html => HtmlLinkExtractor.SameOriginLinks(content, page),
            ContentKind.Css => CssLinkExtractor.SameOriginLinks(content, page),
            ContentKind.Json => JsonLinkExtractor.SameOriginLinks(content, page),
            ContentKind.Xml => LinkResolution.SameOrigin(Sitemap.Locations(content), page, page),
            ContentKind.PlainText when page.AbsolutePath == "/robots.txt" => LinkResolution.SameOrigin(RobotsTxt.References(content), page, page),
            _ => [],
        };
    }
}
