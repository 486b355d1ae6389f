using System.Text;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Decides how to read a body the way browsers do (WHATWG MIME Sniffing): a declared HTML, CSS, JSON
/// or XML type is believed; no type, an unknown one, text/plain or application/octet-stream is sniffed
/// from the first bytes. Browsers never render text/plain as HTML; the crawl does, because small
/// servers label everything that way and the links in it are still the app's routes. `nosniff` is honoured.
/// </summary>
public static class ContentSniffer
{
    /// <summary>The spec's resource header: how many bytes sniffing looks at.</summary>
    private const int HeaderBytes = 1445;

    // The spec's "rules for identifying an unknown MIME type", HTML patterns, each followed by a tag-terminating byte.
    private static readonly string[] HtmlOpenings =
    [
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
        "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
    ];

    public static ContentKind Classify(string? mediaType, bool noSniff, ReadOnlySpan<byte> head, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var type = mediaType?.Trim().ToLowerInvariant() ?? string.Empty;
        switch (type)
        {
            case "text/html" or "application/xhtml+xml":
                return ContentKind.Html;
            case "text/css":
                return ContentKind.Css;
            case "application/json" or "text/json" or "application/x-ndjson":
                return ContentKind.Json;
            case "application/xml" or "text/xml":
                return ContentKind.Xml;
            case "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" or "application/vnd.oai.openapi":
                return ContentKind.PlainText;
            case "" or "unknown/unknown" or "application/unknown" or "*/*":
                return Sniff(head, path);
            case "text/plain" or "application/octet-stream":
                return noSniff ? (type == "text/plain" ? ContentKind.PlainText : ContentKind.Opaque) : Sniff(head, path);
        }

        if (type.EndsWith("+json", StringComparison.Ordinal))
        {
            return ContentKind.Json;
        }

        return type.EndsWith("+xml", StringComparison.Ordinal) && !type.StartsWith("image/", StringComparison.Ordinal)
            ? ContentKind.Xml
            : ContentKind.Opaque;
    }

    private static ContentKind Sniff(ReadOnlySpan<byte> head, string path)
    {
        head = head[..Math.Min(head.Length, HeaderBytes)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var start = 0;
        while (start < head.Length && head[start] is 0x09 or 0x0A or 0x0C or 0x0D or 0x20)
        {
            start++;
        }

        var text = head[start..];
        foreach (var opening in HtmlOpenings)
        {
            if (StartsWithTag(text, opening))
            {
                return ContentKind.Html;
            }
        }

        if (text.StartsWith("<?xml"u8))
        {
            // An XHTML page with an XML prolog: read it as the HTML it is.
            return Encoding.ASCII.GetString(text).Contains("<html", StringComparison.OrdinalIgnoreCase) ? ContentKind.Html : ContentKind.Xml;
        }

        if (LooksBinary(head))
        {
            return ContentKind.Opaque;
        }

        if (path.EndsWith(".css", StringComparison.OrdinalIgnoreCase))
        {
            return ContentKind.Css;
        }

        return text.Length > 0 && text[0] is (byte)'{' or (byte)'[' ? ContentKind.Json : ContentKind.PlainText;
    }

    private static bool StartsWithTag(ReadOnlySpan<byte> text, string opening)
    {
        if (text.Length <= opening.Length)
        {
            return false;
        }

        for (var i = 0; i < opening.Length; i++)
        {
            if (char.ToUpperInvariant((char)text[i]) != opening[i])
            {
                return false;
            }
        }

        // The spec's tag-terminating bytes are space and '>'; other whitespace ends a tag name as well.
        return text[opening.Length] is (byte)' ' or (byte)'>' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';
    }

    /// <summary>The spec's binary data bytes: controls other than tab, newlines, form feed and escape.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return false;
        }

        foreach (var b in head)
        {
            if (b is <= 0x08 or 0x0B or (>= 0x0E and <= 0x1A) or (>= 0x1C and <= 0x1F))
            {
                return true;
            }
        }

        return false;
    }
}
