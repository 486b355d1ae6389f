using System.Text.Json;
using System.Text.RegularExpressions;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// `slim build` with a real registry (Debian's docker-registry): a docker:// target pulled into the engine when it is not
/// there, and the slim image pushed (--push, or --output docker://…) after it was verified, the printed digest checked
/// by skopeo and the pushed image pulled and run by the engine.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed partial class RegistryBuildTests(DockerEngineFixture engine, SlimBinary slim) : IAsyncLifetime
{
    private readonly List<string> _images = [];
    private RegistryServer _registry = null!;
    private string _image = "";

    private string Host => _registry.Host;

    public async Task InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(secure: false);
        _image = TestResources.NewTag("registry-cli");
        _images.Add(_image);
        var dockerfile = $"""
            FROM {engine.BusyboxBase}
            RUN echo pushed data > /data.txt
            CMD ["sh", "-c", "echo hello; cat /data.txt"]
            """;
        (await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", _image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile)).EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        foreach (var image in _images)
        {
            await Docker.RunAsync("rmi", "-f", image);
        }

        await _registry.DisposeAsync();
    }

    private static async Task<string> IdAsync(string image) =>
        (await Docker.RunAsync("image", "inspect", "--format", "{{.Id}}", image)).EnsureSuccess().StandardOutput.Trim();

    private static async Task<JsonDocument> SkopeoAsync(params string[] args) =>
        JsonDocument.Parse((await ExternalCommand.RunAsync("skopeo", args)).EnsureSuccess().StandardOutput);

    /// <summary>The digest of "pushed docker://HOST/REPO@sha256:…", checked against what skopeo sees at REPO:TAG and the slim image's config.</summary>
    private async Task<string> AssertPushedAsync(CommandResult build, string repository, string tag, string slimTag)
    {
        var pushed = PushedPattern().Match(build.StandardOutput);
        Assert.True(pushed.Success, build.ToString());
        Assert.Equal($"{Host}/{repository}", pushed.Groups[1].Value);
        var digest = pushed.Groups[2].Value;
        using (var inspected = await SkopeoAsync("inspect", "--tls-verify=false", $"docker://{Host}/{repository}:{tag}"))
        {
            Assert.Equal(digest, inspected.RootElement.GetProperty("Digest").GetString());
        }

        using (var raw = await SkopeoAsync("inspect", "--tls-verify=false", "--raw", $"docker://{Host}/{repository}@{digest}"))
        {
            Assert.Equal(await IdAsync(slimTag), raw.RootElement.GetProperty("config").GetProperty("digest").GetString());
        }

        return digest;
    }

    [Fact]
    public async Task A_registry_target_is_pulled_into_the_engine_and_the_verified_slim_image_is_pushed_with_its_digest()
    {
        (await ExternalCommand.RunAsync("skopeo", ["copy", "--dest-tls-verify=false", $"docker-daemon:{_image}", $"docker://{Host}/cli:1"])).EnsureSuccess();
        var pulledName = $"{Host}/cli:1";
        _images.Add(pulledName);
        Assert.False(await Docker.ImageExistsAsync(pulledName)); // a fresh port: the engine cannot have it

        await using var workspace = new BuildWorkspace();
        var slimTag = workspace.NewTag("registry-cli");
        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", $"docker://{Host}/cli:1", "--tls-verify=false", "--tag", slimTag, "--report", "report.json", "--push", $"docker://{Host}/cli-slim:1"]);
        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains($"slim: pulling docker://{Host}/cli:1 into the engine", build.StandardError, StringComparison.Ordinal);
        Assert.Equal(await IdAsync(_image), await IdAsync(pulledName));
        Assert.True(BuildReportFile.Load(workspace.PathOf("report.json")).VerificationPassed);

        var digest = await AssertPushedAsync(build, "cli-slim", "1", slimTag);
        var pinned = $"{Host}/cli-slim@{digest}";
        _images.Add(pinned);
        (await Docker.RunAsync("pull", pinned)).EnsureSuccess();
        var run = (await Docker.RunAsync("run", "--rm", pinned)).EnsureSuccess();
        Assert.Equal("hello\npushed data", run.StandardOutput.Trim());

        // the target is in the engine now: a second build does not pull it again
        var again = await slim.RunAsync(workspace.Directory, ["build", "--target", $"docker://{Host}/cli:1", "--tls-verify=false", "--tag", workspace.NewTag("registry-cli"), "--verify=false"]);
        Assert.True(again.Succeeded, again.ToString());
        Assert.DoesNotContain("pulling", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_naming_a_registry_pushes_the_verified_slim_image_as_push_does()
    {
        await using var workspace = new BuildWorkspace();
        var slimTag = workspace.NewTag("registry-cli");
        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", _image, "--tag", slimTag, "--report", "report.json", "--output", $"docker://{Host}/out:2", "--tls-verify=false"]);
        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("report.json"));
        Assert.True(report.VerificationPassed); // loaded and run, not skipped as a file --output is
        await AssertPushedAsync(build, "out", "2", slimTag);

        var both = await slim.RunAsync(workspace.Directory, ["build", "--target", _image, "--output", $"docker://{Host}/out:3", "--push", $"docker://{Host}/out:4", "--tls-verify=false"]);
        Assert.Equal(2, both.ExitCode);
        var line = Assert.Single(both.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("both push the slim image; give one", line, StringComparison.Ordinal);
        using var tags = await SkopeoAsync("list-tags", "--tls-verify=false", $"docker://{Host}/out");
        Assert.Equal(["2"], tags.RootElement.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()).ToList());
    }

    [GeneratedRegex(@"^pushed docker://([^@\s]+)@(sha256:[0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex PushedPattern();
}
