namespace Slim.Pipeline.Probes;

/// <summary>What the crawl takes a response body to be, whatever its Content-Type claimed.</summary>
public enum ContentKind
{
    /// <summary>Nothing to read links from (images, scripts, binaries, unknown types).</summary>
    Opaque,
    Html,
    Css,
    Json,
    Xml,

    /// <summary>Text that is none of the above: robots.txt, YAML API documents.</summary>
    PlainText,
}
