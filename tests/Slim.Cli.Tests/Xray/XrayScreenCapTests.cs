using Slim.Testing;

namespace Slim.Cli.Tests.Xray;

/// <summary>Every list xray prints is capped, and says how many it left out (issue 14, defect 7).</summary>
public sealed class XrayScreenCapTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Duplicates_and_paths_in_several_layers_beyond_top_are_counted_not_printed()
    {
        // 40 groups of identical files, each copy also rewritten in a second layer: 40 duplicate groups, 80 paths in two layers.
        var first = new TestTar();
        var second = new TestTar();
        for (var i = 0; i < 40; i++)
        {
            var content = $"content {i} " + new string('x', 100 + i);
            first.File($"a/{i}", content).File($"b/{i}", content);
            second.File($"a/{i}", content + "!").File($"b/{i}", content + "!");
        }

        var image = _dir.Write("image.tar", new TestImage().Layer(first).Layer(second).ClassicArchive());

        var run = await SlimRun.InvokeAsync("xray", "--target", "docker-archive:" + image, "--top", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("… and 77 more paths", run.Output, StringComparison.Ordinal);
        Assert.Contains("more groups", run.Output, StringComparison.Ordinal);
        // The smallest duplicate group is the least wasteful: left out.
        Assert.DoesNotContain("0: /a/0", run.Output, StringComparison.Ordinal);
    }
}
