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

    private static string Count(int lines) => lines == 1 ? "1 line" : $"{lines} lines";

    private static string Clip(string line)
    {
        var clean = line.TrimEnd('\r');
        return clean.Length <= 60 ? clean : clean[..57] + "...";
    }
}
