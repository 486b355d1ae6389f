using Slim.Engine.Containers;

namespace Slim.Pipeline.Verify;

/// <summary>
/// Tells a real change in what an app answered (its output, a response body, an exec's output) from run-to-run
/// noise (times, ids, addresses). The original is run a second time: lines that differ between its own two runs are
/// noise and not compared; every other line must come out of the slim image the same.
/// </summary>
internal static class OutputComparison
{
    /// <summary>Null when the slim output matches; otherwise a failure, or a warning when only noisy lines differ.</summary>
    /// <param name="subject">What is compared, as the messages name it: "output", "the body", "the output".</param>
    public static (string? Failure, string? Warning) Compare(string original, string originalAgain, string slim, string subject = "output")
    {
        if (slim == original || slim == originalAgain || SameJson(slim, original) || SameJson(slim, originalAgain))
        {
            return (null, null);
        }

        var first = Lines(original);
        var second = Lines(originalAgain);
        var actual = Lines(slim);
        var steady = original == originalAgain;
        var runs = steady ? "in two runs" : "in each of two runs";
        if (first.Length != second.Length)
        {
            return (null, $"{subject} not compared: the original printed {Count(first.Length)} in one run and {second.Length} in another");
        }

        var noisy = 0;
        for (var i = 0; i < Math.Min(first.Length, actual.Length); i++)
        {
            if (first[i] != second[i])
            {
                noisy++;
            }
            else if (actual[i] != first[i])
            {
                return ($"{subject} line {i + 1} differs: \"{Clip(actual[i])}\", the original printed \"{Clip(first[i])}\" {runs}", null);
            }
        }

        if (actual.Length != first.Length)
        {
            return ($"{subject} differs: the slim image printed {Count(actual.Length)}, the original {first.Length} {runs}", null);
        }

        if (steady)
        {
            // Same lines, other bytes: line endings or a trailing newline.
            return ($"{subject} differs: {slim.Length} characters, the original {original.Length} {runs} (line endings or trailing white space)", null);
        }

        return (null, $"{subject} differs only in the {Count(noisy)} that also {(noisy == 1 ? "changes" : "change")} between two runs of the original");
    }

    /// <summary>
    /// The same comparison over bounded captures (<see cref="CapturedOutput"/>): the digests first; outputs kept whole are
    /// compared as text; longer ones line by line in their kept head (counted from the start) and tail (counted from
    /// the end), with the same noise rule. A difference in the middle, which nothing kept shows, still fails a steady
    /// original by its digest.
    /// </summary>
    public static (string? Failure, string? Warning) Compare(CapturedOutput original, CapturedOutput originalAgain, CapturedOutput slim, string subject = "output")
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(originalAgain);
        ArgumentNullException.ThrowIfNull(slim);
        if (slim.SameBytes(original) || slim.SameBytes(originalAgain))
        {
            return (null, null);
        }

        if (original.Complete && originalAgain.Complete && slim.Complete)
        {
            return Compare(original.Head, originalAgain.Head, slim.Head, subject);
        }

        var steady = original.SameBytes(originalAgain);
        var runs = steady ? "in two runs" : "in each of two runs";
        if (original.Lines != originalAgain.Lines)
        {
            return (null, $"{subject} not compared: the original printed {Count(original.Lines)} in one run and {originalAgain.Lines} in another");
        }

        var differing = new List<(long Line, string Slim, string Original)>();
        var noisy = 0;
        var (first, second, actual) = (KeptLines(original.Head), KeptLines(originalAgain.Head), KeptLines(slim.Head));
        for (var i = 0; i < Math.Min(Math.Min(first.Length, second.Length), actual.Length); i++)
        {
            if (first[i] != second[i])
            {
                noisy++;
            }
            else if (actual[i] != first[i])
            {
                differing.Add((i + 1, actual[i], first[i]));
            }
        }

        if (slim.Lines == original.Lines)
        {
            // Tails line up from the end; a line the heads already compared is not counted twice.
            var (lastFirst, lastSecond, lastActual) = (KeptLines(original.Tail), KeptLines(originalAgain.Tail), KeptLines(slim.Tail));
            var shared = Math.Min(Math.Min(lastFirst.Length, lastSecond.Length), lastActual.Length);
            for (var k = shared; k >= 1; k--)
            {
                var line = original.Lines - k + 1;
                if (line <= first.Length)
                {
                    continue;
                }

                if (lastFirst[^k] != lastSecond[^k])
                {
                    noisy++;
                }
                else if (lastActual[^k] != lastFirst[^k])
                {
                    differing.Add((line, lastActual[^k], lastFirst[^k]));
                }
            }
        }

        if (differing.Count > 0)
        {
            var (line, mine, theirs) = differing[0];
            var last = differing.Count > 1 ? $"; the last differing line kept is {differing[^1].Line}: \"{Clip(differing[^1].Slim)}\"" : "";
            return ($"{subject} line {line} differs: \"{Clip(mine)}\", the original printed \"{Clip(theirs)}\" {runs}{last}", null);
        }

        if (slim.Lines != original.Lines)
        {
            return ($"{subject} differs: the slim image printed {Count(slim.Lines)}, the original {original.Lines} {runs}", null);
        }

        var kept = OutputCapture.KeptBytes / 1024;
        return steady
            ? ($"{subject} differs between line {first.Length + 1} and line {original.Lines - KeptLines(original.Tail).Length}, past the first and last {kept} KiB kept: {slim.Bytes} bytes, the original {original.Bytes} {runs}", null)
            : (null, $"{subject} compared in its first and last {kept} KiB only, where it differs only in the {Count(noisy)} that also {(noisy == 1 ? "changes" : "change")} between two runs of the original");
    }

    /// <summary>
    /// JSON objects are unordered (RFC 8259): an app whose maps iterate in another order each run (Java's Map.of, Go's
    /// maps) gives the same answer in other bytes.
    /// </summary>
    internal static bool SameJson(string a, string b)
    {
        var first = a.AsSpan().TrimStart();
        if (first.IsEmpty || first[0] is not ('{' or '['))
        {
            return false;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private static string Count(long lines) => lines == 1 ? "1 line" : $"{lines} lines";

    // Whole kept lines: the text ends at a newline (or is the output's unterminated last line); no empty entry after it.
    private static string[] KeptLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static string Clip(string line)
    {
        var clean = line.TrimEnd('\r');
        return clean.Length <= 60 ? clean : clean[..57] + "...";
    }
}
