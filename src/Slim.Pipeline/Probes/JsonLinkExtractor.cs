using System.Text;
using System.Text.Json;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Links inside a JSON body, as an app's own front end would follow them: string values (never
/// property names) that are absolute URLs of the same origin, or absolute paths ("/items/1") that
/// look like one. A body cut short keeps the links read before the cut.
/// </summary>
public static class JsonLinkExtractor
{
    private const int LongestPath = 2048;

    public static IReadOnlyList<Uri> SameOriginLinks(string json, Uri page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return LinkResolution.SameOrigin(References(json).Where(r => r.StartsWith('/') || Uri.TryCreate(r, UriKind.Absolute, out var u) && LinkResolution.SameOrigin(u, page)), page, page);
    }

    public static IReadOnlyList<string> References(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var found = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json.TrimStart('\uFEFF')), new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
            AllowMultipleValues = true, // JSON lines
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= LongestPath * 6
                    && reader.GetString() is { } text && (LooksLikePath(text) || LooksLikeWebUrl(text)))
                {
                    found.Add(text);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON after all, or cut at the parse limit: what was read so far still counts.
        }

        return found;
    }

    /// <summary>"/a/b?c=d": one leading slash (not "//", a network path), only characters a URL may carry unescaped.</summary>
    public static bool LooksLikePath(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length is 0 or > LongestPath || text[0] != '/' || text.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@%/?#[]".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeWebUrl(string text) =>
        text.Length <= LongestPath && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && !text.Any(char.IsWhiteSpace);
}
