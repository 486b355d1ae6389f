using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Slim.Pipeline.Probes;

/// <summary>
/// What a browser loads or lets its user follow from an HTML page, read with a real HTML5 parser
/// (AngleSharp), in document order: links, embedded resources, srcset candidates, GET forms (submitted
/// with their default values), meta refresh, object data, video posters, and the URLs of inline and
/// embedded CSS. Relative references resolve against the first &lt;base href&gt;.
/// </summary>
public static class HtmlLinkExtractor
{
    // Scripting off: a crawler runs no script, so <noscript> content is markup whose links count.
    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    public static IReadOnlyList<Uri> SameOriginLinks(string html, Uri page)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(page);
        return Links(new HtmlParser(ParserOptions).ParseDocument(html), page);
    }

    /// <summary>
    /// As <see cref="SameOriginLinks"/>, giving up when <paramref name="cancellationToken"/> fires: some
    /// malformed markup (thousands of nested unclosed &lt;a&gt;) takes the parser time that grows with its square.
    /// </summary>
    public static async Task<IReadOnlyList<Uri>> SameOriginLinksAsync(string html, Uri page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(page);
        using var document = await new HtmlParser(ParserOptions).ParseDocumentAsync(html, cancellationToken).ConfigureAwait(false);
        return Links(document, page);
    }

    private static IReadOnlyList<Uri> Links(IDocument document, Uri page)
    {
        var baseUri = document.QuerySelector("base[href]") is { } baseElement
            && Uri.TryCreate(page, baseElement.GetAttribute("href")!.Trim(), out var declared) ? declared : page;
        return LinkResolution.SameOrigin(References(document, baseUri, page), baseUri, page);
    }

    private static IEnumerable<string> References(IDocument document, Uri baseUri, Uri page)
    {
        foreach (var element in document.All)
        {
            foreach (var reference in ElementReferences(element, baseUri, page))
            {
                yield return reference;
            }

            if (element.GetAttribute("style") is { } style)
            {
                foreach (var reference in CssLinkExtractor.References(style))
                {
                    yield return reference;
                }
            }
        }
    }

    private static IEnumerable<string> ElementReferences(IElement element, Uri baseUri, Uri page)
    {
        switch (element.LocalName)
        {
            case "a" or "area":
                return Attributes(element, "href");
            case "link":
                return Attributes(element, "href").Concat(SourceSet.Urls(element.GetAttribute("imagesrcset")));
            case "script" or "iframe" or "frame" or "embed" or "track" or "audio":
                return Attributes(element, "src");
            case "img" or "source":
                return Attributes(element, "src").Concat(SourceSet.Urls(element.GetAttribute("srcset")));
            case "input" when string.Equals(element.GetAttribute("type"), "image", StringComparison.OrdinalIgnoreCase):
                return Attributes(element, "src");
            case "video":
                return Attributes(element, "src", "poster");
            case "object":
                return Attributes(element, "data");
            case "image" or "use": // SVG, which the parser keeps as foreign elements
                return Attributes(element, "href", "xlink:href");
            case "style":
                return CssLinkExtractor.References(element.TextContent);
            case "meta" when string.Equals(element.GetAttribute("http-equiv")?.Trim(), "refresh", StringComparison.OrdinalIgnoreCase):
                return MetaRefresh.Url(element.GetAttribute("content")) is { } target ? [target] : [];
            case "form":
                return FormSubmission.Target(element, baseUri, page) is { } action ? [action] : [];
            default:
                return [];
        }
    }

    private static IEnumerable<string> Attributes(IElement element, params string[] names) =>
        names.Select(element.GetAttribute).OfType<string>();
}
