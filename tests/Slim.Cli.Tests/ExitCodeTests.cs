using Slim.Analysis.Gate;
using Slim.Cli.Commands;
using Slim.Engine;
using Slim.Images;
using Slim.Images.Model;
using Slim.Pipeline;
using Slim.Testing;
using Slim.Trace.Errors;

namespace Slim.Cli.Tests;

/// <summary>The one mapping from failures to exit codes and lines, unit by unit and through the real command line.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every root reason with the code it must give; a reason added without a row fails <see cref="Every_reason_has_a_row"/>.</summary>
    private static readonly Dictionary<ErrorReason, int> Expected = new()
    {
        [ErrorReason.Failed] = 1,
        [ErrorReason.BadInput] = 2,
        [ErrorReason.NotFound] = 1,
        [ErrorReason.InvalidImage] = 2,
        [ErrorReason.DigestMismatch] = 2,
        [ErrorReason.Unsupported] = 1,
        [ErrorReason.OutputRefused] = 1,
        [ErrorReason.EngineUnavailable] = 3,
    };

    public static TheoryData<ErrorReason> Reasons() => [.. Enum.GetValues<ErrorReason>()];

    [Fact]
    public void Every_reason_has_a_row() => Assert.Equal(Enum.GetValues<ErrorReason>().Order(), Expected.Keys.Order());

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Each_reason_maps_to_its_exit_code_and_its_message(ErrorReason reason)
    {
        var (code, line) = CommandFailures.Describe(new BuildException(reason, "subject", "the one line"));

        Assert.Equal(Expected[reason], code);
        Assert.Equal("the one line", line);
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public void The_gate_keeps_1_for_failed_rules(ErrorReason reason)
    {
        var (code, _) = CommandFailures.DescribeForGate(new BuildException(reason, null, "x"));

        Assert.Equal(reason == ErrorReason.EngineUnavailable ? 3 : 2, code);
        Assert.NotEqual(ExitCodes.RuleFailed, code);
    }

    [Fact]
    public void Exit_codes_are_the_documented_ones()
    {
        Assert.Equal((0, 1, 2, 3, 4, 130, 1), (ExitCodes.Ok, ExitCodes.Failed, ExitCodes.BadInput, ExitCodes.EngineUnavailable, ExitCodes.SlimImageDiffers, ExitCodes.Cancelled, ExitCodes.RuleFailed));
    }

    [Fact]
    public void A_FormatException_is_a_bug_not_bad_input()
    {
        var (code, line) = CommandFailures.Describe(new FormatException("Input string was not in a correct format."));

        Assert.Equal(1, code);
        Assert.StartsWith("unexpected error: Input string was not in a correct format.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_details_decide_the_root_reason()
    {
        Assert.Equal(ErrorReason.BadInput, new ImageException(ImageErrorReason.InvalidReference, "x", "m").Reason);
        Assert.Equal(ErrorReason.BadInput, new ImageException(ImageErrorReason.UnsupportedTransport, "x", "m").Reason);
        Assert.Equal(ErrorReason.DigestMismatch, new ImageException(ImageErrorReason.DigestMismatch, "x", "m").Reason);
        Assert.Equal(ErrorReason.InvalidImage, new ImageException(ImageErrorReason.InvalidFormat, "x", "m").Reason);
        Assert.Equal(ErrorReason.NotFound, new ImageException(ImageErrorReason.ImageNotFound, "x", "m").Reason);
        Assert.Equal(ErrorReason.EngineUnavailable, new EngineException(EngineErrorReason.Unavailable, "e", "m").Reason);
        Assert.Equal(ErrorReason.NotFound, new EngineException(EngineErrorReason.NotFound, "e", "m").Reason);
        Assert.Equal(ErrorReason.BadInput, new GateInputException("m").Reason);
        Assert.Equal(ErrorReason.Failed, new BuildException("m").Reason);
        Assert.Equal("x", new ImageException(ImageErrorReason.InvalidFormat, "x", "m").Subject);
        Assert.Equal("", new ImageException(ImageErrorReason.InvalidFormat, null, "m").Subject);
        foreach (var detail in Enum.GetValues<ImageErrorReason>())
        {
            Assert.True(Enum.IsDefined(ImageException.RootReason(detail)), detail.ToString());
        }
    }

    [Fact]
    public async Task Copy_with_a_bad_reference_exits_2_with_one_line_and_writes_nothing()
    {
        var output = _dir["out"];

        var run = await SlimRun.InvokeAsync("copy", "Not A//Reference!", "oci:" + output);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Xray_with_a_top_below_1_exits_2_with_one_line()
    {
        var run = await SlimRun.InvokeAsync("xray", "--target", "docker-archive:/nonexistent/image.tar", "--top", "0");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("slim: --top must be at least 1, not 0", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("--continue-after", "sometime")]
    [InlineData("--exec-file", "/nonexistent/commands.txt")]
    [InlineData("--entrypoint", "'unterminated")]
    [InlineData("--http-probe-cmd", "   ")]
    public async Task Build_option_values_that_cannot_be_used_exit_2_before_any_engine_is_asked(string option, string value)
    {
        // DOCKER_HOST is not touched: these fail while the request is made, before slim connects to anything
        var run = await SlimRun.InvokeAsync("build", "--target", "example.com/app:1", option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
    }

    /// <param name="where">"header": the first tar header does not decompress; "content": a file's content, deep in the layer, does not.</param>
    [Theory]
    [InlineData("gzip", "content", "inspect", "--files")]
    [InlineData("zstd", "content", "inspect", "--files")]
    [InlineData("gzip", "content", "xray", "")]
    [InlineData("zstd", "header", "xray", "")]
    [InlineData("gzip", "header", "copy", "docker-archive")]
    [InlineData("gzip", "content", "copy", "docker-archive")]
    [InlineData("gzip", "content", "copy", "oci")]
    [InlineData("zstd", "header", "copy", "oci-archive")]
    public async Task A_corrupt_compressed_layer_is_one_line_naming_the_layer_never_an_unexpected_error(string compression, string where, string command, string extra)
    {
        var lines = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"line {i} of a file that compresses well\n"));
        var image = new TestImage()
            .Layer(new TestTar().File("a", "1"))
            .Layer(new TestTar().File("b", lines), compression == "gzip" ? TestTar.Gzip : TestTar.Zstd);
        var blob = image.Layers[1].Blob;
        for (var i = where == "header" ? 20 : blob.Length / 2; i < blob.Length - 10; i++)
        {
            blob[i] ^= 0x5a;
        }

        var archive = _dir.Write("hostile.tar", image.ClassicArchive());
        var output = _dir["out"];
        string[] args = command switch
        {
            "inspect" => ["inspect", "docker-archive:" + archive, extra],
            "xray" => ["xray", "--target", "docker-archive:" + archive],
            _ => ["copy", "docker-archive:" + archive, $"{extra}:{output}"],
        };

        var run = await SlimRun.InvokeAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
        Assert.Contains($"layer 1 ({Digest.Compute(blob)})", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output) || Directory.Exists(output), "a failed copy left its output");
    }
}
