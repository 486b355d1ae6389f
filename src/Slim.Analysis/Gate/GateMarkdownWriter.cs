using System.Text;

namespace Slim.Analysis.Gate;

/// <summary>The gate's verdict as Markdown, for a pipeline's job summary (GitHub's $GITHUB_STEP_SUMMARY and the like).</summary>
public static class GateMarkdownWriter
{
    public static string Write(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failed = result.Outcomes.Count(o => !o.Passed);
        var md = new StringBuilder();
        md.Append("## slim gate: ").Append(result.Passed ? "passed" : "FAILED").Append('\n').Append('\n');
        if (result.Image is not null)
        {
            md.Append("Image: `").Append(result.Image.Replace("`", "'", StringComparison.Ordinal)).Append("`\n\n");
        }

        md.Append(result.Outcomes.Count - failed).Append(" of ").Append(result.Outcomes.Count).Append(" rules hold.\n\n");
        md.Append("| Rule | Result | Measured | Limit |\n|---|---|---|---|\n");
        foreach (var outcome in result.Outcomes)
        {
            md.Append("| ").Append(Cell(outcome.Rule))
                .Append(" | ").Append(outcome.Passed ? "✅ pass" : "❌ **fail**")
                .Append(" | ").Append(Cell(outcome.MeasuredText))
                .Append(" | ").Append(Cell(outcome.LimitText))
                .Append(" |\n");
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
