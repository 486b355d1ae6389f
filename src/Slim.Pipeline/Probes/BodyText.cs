using System.Text;

namespace Slim.Pipeline.Probes;

/// <summary>The text of a response body's first bytes, for the crawl to find links and API documents in.</summary>
internal static class BodyText
{
    /// <summary>Text as the body's byte-order mark or declared charset says, else UTF-8 (a cut-off last character becomes U+FFFD).</summary>
    public static string Decode(byte[] bytes, string? charset)
    {
        Encoding? encoding = null;
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            encoding = Encoding.UTF8;
        }
        else if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            encoding = Encoding.Unicode;
        }
        else if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            encoding = Encoding.BigEndianUnicode;
        }
        else if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
            }
        }

        encoding ??= Encoding.UTF8;
        var preamble = encoding.Preamble;
        return encoding.GetString(bytes.AsSpan().StartsWith(preamble) ? bytes.AsSpan(preamble.Length) : bytes);
    }
}
