using Slim.Pipeline;
using Slim.Pipeline.Verify;

namespace Slim.Pipeline.Tests.Verify;

public sealed class OutputComparisonTests
{
    [Fact]
    public void The_same_output_passes_without_a_word() =>
        Assert.Equal((null, null), OutputComparison.Compare("a\nb\n", "a\nb\n", "a\nb\n"));

    [Fact]
    public void A_steady_original_must_be_matched_exactly()
    {
        var (failure, warning) = OutputComparison.Compare("a\nb\n", "a\nb\n", "a\nc\n");
        Assert.Contains("output line 2 differs: \"c\", the original printed \"b\" in two runs", failure, StringComparison.Ordinal);
        Assert.Null(warning);
    }

    [Fact]
    public void Lines_that_vary_between_runs_of_the_original_are_not_compared()
    {
        var (failure, warning) = OutputComparison.Compare("at 10:01\nok\n", "at 10:02\nok\n", "at 10:07\nok\n");
        Assert.Null(failure);
        Assert.Contains("only in the 1 line", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_steady_line_that_changes_fails_even_when_others_are_noise()
    {
        var (failure, _) = OutputComparison.Compare("at 10:01\nfound 5 plugins\n", "at 10:02\nfound 5 plugins\n", "at 10:07\nfound 3 plugins\n");
        Assert.Contains("line 2 differs: \"found 3 plugins\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_line_fails()
    {
        var (failure, _) = OutputComparison.Compare("t1\nx\n", "t2\nx\n", "t3\n");
        Assert.Contains("printed 1 line, the original 2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_original_whose_line_count_varies_is_not_compared_and_says_so()
    {
        var (failure, warning) = OutputComparison.Compare("a\n", "a\nb\n", "c\n");
        Assert.Null(failure);
        Assert.Contains("not compared", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_either_run_of_the_original_passes() =>
        Assert.Equal((null, null), OutputComparison.Compare("a\n1\n", "a\n2\nb\n", "a\n2\nb\n"));
}
