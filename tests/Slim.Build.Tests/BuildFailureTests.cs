using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>Bad input and broken apps: one clear line, a non-zero exit, the original untouched, nothing left behind.</summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class BuildFailureTests(DockerEngineFixture engine, SlimBinary slim)
{
    [Fact]
    public async Task An_unknown_image_is_one_line_and_a_non_zero_exit()
    {
        await using var workspace = new BuildWorkspace();

        var run = await slim.RunAsync(workspace.Directory, ["build", "--target", "slim-test/does-not-exist:nope"]);

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: ", line, StringComparison.Ordinal);
        Assert.Contains("slim-test/does-not-exist:nope", line, StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFiles(workspace.Directory));
    }

    [Fact]
    public async Task A_bad_option_value_is_refused_before_anything_runs()
    {
        await using var workspace = new BuildWorkspace();

        var run = await slim.RunAsync(workspace.Directory, ["build", "--target", engine.BusyboxBase, "--continue-after", "sometime"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--continue-after sometime", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
    }

    // The engine named here does not answer: had slim reached for it (or started a container) before checking the names,
    // it would have said so and exited 3, not 2.
    [Theory]
    [InlineData("--tag", "Bad Tag!")]
    [InlineData("--tag", "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("--output", "registry:example.com/app:1")]
    [InlineData("--output", "docker-archive:")]
    public async Task A_bad_tag_or_output_is_refused_before_the_engine_is_asked_anything(string option, string value)
    {
        await using var workspace = new BuildWorkspace();

        var run = await slim.RunAsync(
            workspace.Directory,
            ["build", "--target", engine.BusyboxBase, option, value],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["DOCKER_HOST"] = "tcp://127.0.0.1:9" });

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"slim: {option} {value}", line, StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFiles(workspace.Directory));
        Assert.Empty(await TestResources.SlimContainersAsync());
    }

    [Fact]
    public async Task An_app_that_crashes_at_start_fails_the_build_and_leaves_nothing_behind()
    {
        var image = "slim-test/crashes-at-start:latest";
        var dockerfile = $"FROM {engine.BusyboxBase}\nEXPOSE 8080\nCMD [\"sh\", \"-c\", \"echo config file missing >&2; exit 3\"]\n";
        var built = await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile);
        built.EnsureSuccess();
        var originalId = (await Docker.RunAsync("image", "inspect", "-f", "{{.Id}}", image)).StandardOutput;
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("crashes-at-start");

        var run = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag]);

        Assert.Equal(1, run.ExitCode);
        var last = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains("never answered on 8080/tcp", last, StringComparison.Ordinal);
        Assert.Contains("exit code 3", last, StringComparison.Ordinal);
        Assert.Contains("config file missing", last, StringComparison.Ordinal);
        Assert.False(await Docker.ImageExistsAsync(tag));
        Assert.Empty(await TestResources.SlimContainersAsync());
        Assert.Equal(originalId, (await Docker.RunAsync("image", "inspect", "-f", "{{.Id}}", image)).StandardOutput);
        await Docker.RunAsync("rmi", "-f", image);
    }

    // Ctrl-C right after the container appears (while the tracer is copied in), as it starts, and while the app runs.
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(400)]
    public async Task Ctrl_C_during_the_sensor_run_removes_the_container_and_writes_nothing(int delayMs)
    {
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("ctrl-c");
        // Through env --default-signal: a test runner started in the background hands its children SIGINT ignored (as
        // shells do for background jobs), and a program then rightly never sees Ctrl-C. Slim must, so give it the default.
        var start = new System.Diagnostics.ProcessStartInfo("env") { WorkingDirectory = workspace.Directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--default-signal=INT", slim.Path, "build", "--target", engine.BusyboxBase, "--tag", tag, "--cmd", "sleep 600", "--continue-after", "exit" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 200 && (await TestResources.SlimContainersAsync()).Count == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.NotEmpty(await TestResources.SlimContainersAsync());
        await Task.Delay(delayMs);
        (await ExternalCommand.RunAsync("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).EnsureSuccess();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", await stderr, StringComparison.Ordinal);
        Assert.Empty(await TestResources.SlimContainersAsync());
        Assert.False(await Docker.ImageExistsAsync(tag));
        Assert.Empty(System.IO.Directory.GetFiles(workspace.Directory));
    }

    [Fact]
    public async Task Ctrl_C_during_verification_leaves_no_slim_image_and_writes_nothing()
    {
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("ctrl-c-verify");
        var start = new System.Diagnostics.ProcessStartInfo("env") { WorkingDirectory = workspace.Directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--default-signal=INT", slim.Path, "build", "--target", engine.BusyboxBase, "--tag", tag, "--cmd", "sleep 4", "--continue-after", "exit" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var seen = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains(" verify ", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(await Docker.ImageExistsAsync(tag), "the slim image should be loaded when verification starts\n" + seen);
        (await ExternalCommand.RunAsync("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).EnsureSuccess();
        var rest = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", rest, StringComparison.Ordinal);
        Assert.False(await Docker.ImageExistsAsync(tag), "the slim image outlived the cancelled build");
        Assert.Empty(await TestResources.SlimContainersAsync());
        Assert.Empty(System.IO.Directory.GetFiles(workspace.Directory));
    }
}
