using Slim.Testing;

namespace Slim.Cli.Tests.Images;

/// <summary>Issue 14's misleading messages (defect 8) and outputs that were overwritten silently (defect 10).</summary>
public sealed class ReaderMessageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string OneLine(SlimRun run) => Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task A_directory_given_as_docker_archive_says_it_is_a_directory()
    {
        var run = await SlimRun.InvokeAsync("inspect", "docker-archive:" + _dir.Path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is a directory", OneLine(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_baseline_file_says_the_file_does_not_exist()
    {
        var image = _dir.Write("image.tar", new TestImage().Layer(new TestTar().File("a", "1")).ClassicArchive());

        var run = await SlimRun.InvokeAsync("gate", "--target", "docker-archive:" + image, "--max-growth", "10%", "--baseline", _dir["base.json"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = OneLine(run);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        Assert.DoesNotContain("reference", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"kind\": \"slim.xray/v1\", \"imageSize\": \"big\"}")]
    [InlineData("{\"target\": 5}")]
    public async Task A_baseline_of_the_wrong_shape_is_bad_input(string json)
    {
        var image = _dir.Write("image.tar", new TestImage().Layer(new TestTar().File("a", "1")).ClassicArchive());
        var baseline = _dir.Write("base.json", System.Text.Encoding.UTF8.GetBytes(json));

        var run = await SlimRun.InvokeAsync("gate", "--target", "docker-archive:" + image, "--max-growth", "10%", "--baseline", baseline);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = OneLine(run);
        Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
        Assert.Contains(baseline, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_is_not_JSON_says_so_without_dotnet_type_names()
    {
        var image = _dir.Write("image.tar", HostileArchives.Get("manifest-not-json").Bytes);

        var run = await SlimRun.InvokeAsync("inspect", "docker-archive:" + image);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = OneLine(run);
        Assert.Contains("manifest.json is not valid JSON", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Slim.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absurd_entry_size_names_the_archive_the_layer_and_the_path()
    {
        var image = _dir.Write("image.tar", HostileArchives.Get("absurd-entry-size").Bytes);

        var run = await SlimRun.InvokeAsync("xray", "--target", "docker-archive:" + image);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = OneLine(run);
        Assert.Contains(image, line, StringComparison.Ordinal);
        Assert.Contains("layer 1 (sha256:", line, StringComparison.Ordinal);
        Assert.Contains("'big'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-archive")]
    [InlineData("oci")]
    public async Task An_existing_output_is_refused_unless_forced(string sink)
    {
        var image = _dir.Write("image.tar", new TestImage().Layer(new TestTar().File("a", "1")).ClassicArchive());
        var output = _dir["out"];
        if (sink == "oci")
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "keep"), "mine");
        }
        else
        {
            File.WriteAllText(output, "mine");
        }

        var refused = await SlimRun.InvokeAsync("copy", "docker-archive:" + image, $"{sink}:{output}");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("--force", OneLine(refused), StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(sink == "oci" ? Path.Combine(output, "keep") : output));

        (await SlimRun.InvokeAsync("copy", "--force", "docker-archive:" + image, $"{sink}:{output}")).EnsureSuccess();
        var inspect = await SlimRun.InvokeAsync("inspect", $"{sink}:{output}");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Equal(["image.tar", "out"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
