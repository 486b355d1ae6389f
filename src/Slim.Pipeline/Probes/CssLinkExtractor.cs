using System.Globalization;
using System.Text;

namespace Slim.Pipeline.Probes;

/// <summary>
/// The URLs a stylesheet makes a browser fetch: url(...) tokens and @import strings. A small scanner
/// that knows CSS comments, strings and escapes, so `content: "url(x)"` or a commented-out rule is not a link.
/// </summary>
public static class CssLinkExtractor
{
    public static IReadOnlyList<Uri> SameOriginLinks(string css, Uri page) => LinkResolution.SameOrigin(References(css), page, page);

    public static IReadOnlyList<string> References(string css)
    {
        ArgumentNullException.ThrowIfNull(css);
        var references = new List<string>();
        var afterImport = false;
        var i = 0;
        while (i < css.Length)
        {
            var c = css[i];
            if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? css.Length : end + 2;
            }
            else if (c is '"' or '\'')
            {
                var text = ReadString(css, ref i);
                if (afterImport)
                {
                    references.Add(text);
                }

                afterImport = false;
            }
            else if (c == '@' && string.Compare(css, i, "@import", 0, 7, StringComparison.OrdinalIgnoreCase) == 0)
            {
                afterImport = true;
                i += 7;
            }
            else if ((c is 'u' or 'U') && string.Compare(css, i, "url(", 0, 4, StringComparison.OrdinalIgnoreCase) == 0
                && (i == 0 || !IsNameCharacter(css[i - 1])))
            {
                i += 4;
                if (ReadUrl(css, ref i) is { Length: > 0 } url)
                {
                    references.Add(url);
                }

                afterImport = false;
            }
            else
            {
                if (!char.IsWhiteSpace(c))
                {
                    afterImport = false;
                }

                i++;
            }
        }

        return references;
    }

    private static string? ReadUrl(string css, ref int i)
    {
        while (i < css.Length && char.IsWhiteSpace(css[i]))
        {
            i++;
        }

        if (i < css.Length && css[i] is '"' or '\'')
        {
            var quoted = ReadString(css, ref i);
            var close = css.IndexOf(')', i);
            i = close < 0 ? css.Length : close + 1;
            return quoted;
        }

        var text = new StringBuilder();
        while (i < css.Length && css[i] != ')')
        {
            if (css[i] == '\\')
            {
                text.Append(ReadEscape(css, ref i));
                continue;
            }

            text.Append(css[i++]);
        }

        i++;
        return text.ToString().Trim();
    }

    private static string ReadString(string css, ref int i)
    {
        var quote = css[i++];
        var text = new StringBuilder();
        while (i < css.Length && css[i] != quote && css[i] != '\n')
        {
            if (css[i] == '\\')
            {
                if (i + 1 < css.Length && css[i + 1] == '\n')
                {
                    i += 2; // an escaped newline continues the string
                    continue;
                }

                text.Append(ReadEscape(css, ref i));
                continue;
            }

            text.Append(css[i++]);
        }

        i++;
        return text.ToString();
    }

    /// <summary>A backslash escape: up to six hex digits and one optional whitespace, or the next character itself.</summary>
    private static string ReadEscape(string css, ref int i)
    {
        i++;
        var start = i;
        while (i < css.Length && i - start < 6 && char.IsAsciiHexDigit(css[i]))
        {
            i++;
        }

        if (i == start)
        {
            return i < css.Length ? css[i++].ToString() : string.Empty;
        }

        var code = int.Parse(css.AsSpan(start, i - start), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (i < css.Length && char.IsWhiteSpace(css[i]))
        {
            i++;
        }

        return code is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? "\uFFFD" : char.ConvertFromUtf32(code);
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || c > 0x7F;
}
