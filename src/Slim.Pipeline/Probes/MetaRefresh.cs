namespace Slim.Pipeline.Probes;

/// <summary>The URL of a `&lt;meta http-equiv="refresh" content="5; url=/next"&gt;`, read as the HTML standard's declarative refresh does.</summary>
public static class MetaRefresh
{
    public static string? Url(string? content)
    {
        if (content is null)
        {
            return null;
        }

        var text = content.AsSpan().TrimStart();
        var time = 0;
        while (time < text.Length && (char.IsAsciiDigit(text[time]) || text[time] == '.'))
        {
            time++;
        }

        if (time == 0)
        {
            return null;
        }

        text = text[time..].TrimStart();
        if (text.Length > 0 && text[0] is ';' or ',')
        {
            text = text[1..].TrimStart();
        }

        if (text.StartsWith("url", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[3..].TrimStart();
            if (rest.Length > 0 && rest[0] == '=')
            {
                text = rest[1..].TrimStart();
            }
        }

        if (text.Length > 0 && text[0] is '"' or '\'')
        {
            var quote = text[0];
            text = text[1..];
            var end = text.IndexOf(quote);
            if (end >= 0)
            {
                text = text[..end];
            }
        }

        var url = text.Trim().ToString();
        return url.Length > 0 ? url : null;
    }
}
