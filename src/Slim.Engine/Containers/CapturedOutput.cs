using System.Text;
using System.Text.Json.Serialization;

namespace Slim.Engine.Containers;

/// <summary>
/// What a container or an exec'd command printed on one stream, kept bounded whatever it printed: the SHA-256 of every
/// byte, the counts, and the first and last <see cref="OutputCapture.KeptBytes"/> bytes as whole lines. Output is
/// compared between runs, and an app that prints gigabytes must not make slim hold them (issue 14, defect 2).
/// </summary>
/// <param name="Sha256">Hex SHA-256 of the whole output, byte for byte.</param>
/// <param name="Bytes">How many bytes were printed.</param>
/// <param name="Lines">How many lines (a last line without a newline counts).</param>
/// <param name="Head">The first lines (everything when <see cref="Complete"/>).</param>
/// <param name="Tail">The last lines when the output was longer than the head; empty otherwise.</param>
[JsonConverter(typeof(CapturedOutputJsonConverter))]
public sealed record CapturedOutput(string Sha256, long Bytes, long Lines, string Head, string Tail)
{
    public static CapturedOutput Empty { get; } = Of("");

    /// <summary>True when <see cref="Head"/> is the whole output.</summary>
    public bool Complete => Tail.Length == 0 && Encoding.UTF8.GetByteCount(Head) == Bytes;

    /// <summary>The output as text when it is complete; the head, a mark of what was left out, and the tail otherwise.</summary>
    public string Text
    {
        get
        {
            var left = Bytes - Encoding.UTF8.GetByteCount(Head) - Encoding.UTF8.GetByteCount(Tail);
            return Complete ? Head : left <= 0 ? Head + Tail : $"{Head}[... {left} bytes not kept ...]\n{Tail}";
        }
    }

    /// <summary>A short text captured whole (tests, and outputs read back from a report).</summary>
    public static CapturedOutput Of(string text)
    {
        var capture = new OutputCapture();
        capture.Write(Encoding.UTF8.GetBytes(text ?? ""));
        return capture.Finish();
    }

    /// <summary>The last non-empty line (for a one-line message); from the tail when there is one.</summary>
    public string? LastLine() =>
        (Tail.Length > 0 ? Tail : Head).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    public bool SameBytes(CapturedOutput other) => other is not null && other.Sha256 == Sha256 && other.Bytes == Bytes;
}
