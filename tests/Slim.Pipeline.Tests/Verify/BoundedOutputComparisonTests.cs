using System.Security.Cryptography;
using System.Text;
using Slim.Engine.Containers;
using Slim.Pipeline.Verify;

namespace Slim.Pipeline.Tests.Verify;

/// <summary>Outputs are kept as a digest and a bounded head and tail, and still compared line by line where kept (issue 14, defect 2).</summary>
public sealed class BoundedOutputComparisonTests
{
    private const int Lines = 400_000; // about 7 MB: far more than the head and tail kept

    [Fact]
    public void A_100_MB_output_keeps_its_digest_counts_and_at_most_the_kept_head_and_tail()
    {
        using var capture = new OutputCapture();
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1024 * 1024];
        long total = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            // 1 MiB of 64-byte lines, each chunk different, the buffer reused so only the capture could allocate.
            for (var line = 0; line < chunk.Length / 64; line++)
            {
                var span = chunk.AsSpan(line * 64, 64);
                span.Fill((byte)('a' + ((i + line) % 26)));
                span[0] = (byte)('0' + (i % 10));
                span[^1] = (byte)'\n';
            }

            capture.Write(chunk);
            expected.AppendData(chunk);
            total += chunk.Length;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var output = capture.Finish();

        Assert.Equal(Convert.ToHexStringLower(expected.GetHashAndReset()), output.Sha256);
        Assert.Equal(total, output.Bytes);
        Assert.Equal(total / 64, output.Lines);
        Assert.False(output.Complete);
        Assert.InRange(Encoding.UTF8.GetByteCount(output.Head) + Encoding.UTF8.GetByteCount(output.Tail), 1, 2 * OutputCapture.KeptBytes);
        Assert.True(allocated < 4 * 1024 * 1024, $"writing 100 MB allocated {allocated} bytes");
        // Whole lines only, at both ends.
        Assert.All(output.Head.Split('\n')[..^1], l => Assert.Equal(63, l.Length));
        Assert.All(output.Tail.Split('\n')[..^1], l => Assert.Equal(63, l.Length));
        Assert.StartsWith("0", output.Head, StringComparison.Ordinal);
        Assert.StartsWith("9", output.Tail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_long_output_has_the_same_digest_and_passes()
    {
        var a = Capture(i => $"row {i}");
        var b = Capture(i => $"row {i}");

        Assert.True(a.SameBytes(b));
        Assert.Equal((null, null), OutputComparison.Compare(a, a, b));
        Assert.False(a.SameBytes(Capture(i => i == Lines / 2 ? "changed" : $"row {i}")));
    }

    [Fact]
    public void A_short_output_is_kept_whole_and_compared_as_before()
    {
        var output = CapturedOutput.Of("a\nb\n");

        Assert.True(output.Complete);
        Assert.Equal("a\nb\n", output.Text);
        Assert.Equal(2, output.Lines);
        var (failure, _) = OutputComparison.Compare(output, output, CapturedOutput.Of("a\nc\n"));
        Assert.Contains("output line 2 differs: \"c\", the original printed \"b\" in two runs", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_in_the_kept_head_names_the_first_differing_line_and_the_last_one_kept()
    {
        var original = Capture(i => $"row {i}");
        var slim = Capture(i => i is 2 or Lines - 2 ? $"ROW {i}" : $"row {i}");

        var (failure, warning) = OutputComparison.Compare(original, original, slim);

        Assert.Contains("output line 3 differs: \"ROW 2\", the original printed \"row 2\" in two runs", failure, StringComparison.Ordinal);
        Assert.Contains($"the last differing line kept is {Lines - 1}: \"ROW {Lines - 2}\"", failure, StringComparison.Ordinal);
        Assert.Null(warning);
    }

    [Fact]
    public void A_difference_in_the_tail_is_found_by_its_line_number_from_the_end()
    {
        var original = Capture(i => $"row {i}");
        var slim = Capture(i => i == Lines - 1 ? "the end" : $"row {i}");

        var (failure, _) = OutputComparison.Compare(original, original, slim);

        Assert.Contains($"output line {Lines} differs: \"the end\", the original printed \"row {Lines - 1}\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_nothing_kept_shows_still_fails_a_steady_original_by_its_digest()
    {
        var original = Capture(i => $"row {i}");
        var slim = Capture(i => i == Lines / 2 ? $"r0w {i}" : $"row {i}");

        var (failure, warning) = OutputComparison.Compare(original, original, slim);

        Assert.Contains("output differs between line", failure, StringComparison.Ordinal);
        Assert.Contains("past the first and last 64 KiB kept", failure, StringComparison.Ordinal);
        Assert.Null(warning);
    }

    [Fact]
    public void Lines_that_change_between_two_runs_of_the_original_are_noise_in_long_outputs_too()
    {
        var original = Capture(i => i == 0 ? "started at 10:01" : $"row {i}");
        var again = Capture(i => i == 0 ? "started at 10:02" : $"row {i}");
        var slim = Capture(i => i == 0 ? "started at 10:07" : $"row {i}");
        var broken = Capture(i => i == 0 ? "started at 10:07" : i == Lines - 3 ? "lost" : $"row {i}");

        var (failure, warning) = OutputComparison.Compare(original, again, slim);
        var (brokenFailure, _) = OutputComparison.Compare(original, again, broken);

        Assert.Null(failure);
        Assert.Contains("differs only in the 1 line that also changes between two runs of the original", warning, StringComparison.Ordinal);
        Assert.Contains($"output line {Lines - 2} differs: \"lost\"", brokenFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slim_output_of_another_length_fails_with_both_counts()
    {
        var original = Capture(i => $"row {i}");
        var slim = Capture(i => $"row {i}", Lines - 1);

        var (failure, _) = OutputComparison.Compare(original, original, slim);

        Assert.Contains($"the slim image printed {Lines - 1} lines, the original {Lines}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_output_goes_into_a_report_as_its_head_a_mark_and_its_tail()
    {
        var text = Capture(i => $"row {i}").Text;

        Assert.StartsWith("row 0\nrow 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bytes not kept ...]\n", text, StringComparison.Ordinal);
        Assert.EndsWith($"row {Lines - 1}\n", text, StringComparison.Ordinal);
        Assert.True(text.Length < 3 * OutputCapture.KeptBytes);
    }

    /// <summary>An output of <paramref name="count"/> lines, written in odd-sized chunks as a stream delivers them.</summary>
    private static CapturedOutput Capture(Func<int, string> line, int count = Lines)
    {
        using var capture = new OutputCapture();
        var pending = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            pending.Append(line(i)).Append('\n');
            if (pending.Length > 7777)
            {
                capture.Write(Encoding.UTF8.GetBytes(pending.ToString()));
                pending.Clear();
            }
        }

        capture.Write(Encoding.UTF8.GetBytes(pending.ToString()));
        return capture.Finish();
    }
}
