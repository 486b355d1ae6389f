namespace Slim.Cli.Build;

/// <summary>
/// Tells a real change in what an app printed from run-to-run noise (times, ids, addresses). The original is run a
/// second time: lines that differ between its own two runs are noise and not compared; every other line must come out
/// of the slim image the same.
/// </summary>
internal static class OutputComparison
{
    /// <summary>Null when the slim output matches; otherwise a failure, or a warning when only noisy lines differ.</summary>
    public static (string? Failure, string? Warning) Compare(string original, string originalAgain, string slim)
    {
        if (slim == original || slim == originalAgain)
        {
            return (null, null);
        }

        if (originalAgain == original)
        {
            return ($"the app printed {slim.Length} characters, the original {original.Length}, the same in two runs: output differs", null);
        }

        var first = Lines(original);
        var second = Lines(originalAgain);
        var actual = Lines(slim);
        if (first.Length != second.Length)
        {
            return (null, $"output not compared: the original printed {Count(first.Length)} in one run and {second.Length} in another");
        }

        if (actual.Length != first.Length)
        {
            return ($"the app printed {Count(actual.Length)}, the original {first.Length} in each of two runs: output differs", null);
        }

        var noisy = 0;
        for (var i = 0; i < first.Length; i++)
        {
            if (first[i] != second[i])
            {
                noisy++;
            }
            else if (actual[i] != first[i])
            {
                return ($"output line {i + 1} differs: \"{Clip(actual[i])}\", the original printed \"{Clip(first[i])}\" in two runs", null);
            }
        }

        return (null, $"output differs only in the {Count(noisy)} that also {(noisy == 1 ? "changes" : "change")} between two runs of the original");
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private static string Count(int lines) => lines == 1 ? "1 line" : $"{lines} lines";

    private static string Clip(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
