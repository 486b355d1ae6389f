using System.Xml;

namespace Slim.Pipeline.Probes;

/// <summary>
/// The &lt;loc&gt; entries of a sitemap (sitemaps.org): page URLs of a &lt;urlset&gt;, or the sitemaps a
/// &lt;sitemapindex&gt; lists, which the crawl then fetches and reads in turn. Any other XML gives nothing.
/// </summary>
public static class Sitemap
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore, // no entity expansion, no fetching of anything named in the document
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static IReadOnlyList<string> Locations(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var locations = new List<string>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName is not ("urlset" or "sitemapindex"))
            {
                return locations;
            }

            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "loc")
                {
                    // Reading the content moves past the element, so no Read() after it.
                    var text = reader.ReadElementContentAsString().Trim();
                    if (text.Length > 0)
                    {
                        locations.Add(text);
                    }

                    continue;
                }

                reader.Read();
            }
        }
        catch (XmlException)
        {
            // Malformed or cut short at the parse limit: keep the entries read so far.
        }

        return locations;
    }
}
