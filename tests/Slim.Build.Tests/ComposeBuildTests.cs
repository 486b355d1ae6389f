using System.Globalization;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// The kv-web sample slimmed from a Compose file, as a team would run it: its database (the redis-kv sample) is a
/// service it depends on with service_healthy, started by slim on networks of slim's own, fresh for profiling and for
/// verification. Nothing slim made stays in the engine (containers, networks, volumes), also when it is interrupted.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class ComposeBuildTests(SampleImages images, SlimBinary slim)
{
    private static readonly SampleApp Web = SampleApp.Named("kv-web");

    /// <summary>Writes the file with the sample images' names; kv-web finds its database by the name kv (the service's name).</summary>
    private async Task<string> WriteComposeFileAsync(BuildWorkspace workspace)
    {
        var web = await images.GetAsync(Web);
        var kv = await images.GetAsync(SampleApp.Named("redis-kv"));
        var path = workspace.PathOf("compose.yaml");
        await File.WriteAllTextAsync(path, $"""
            services:
              web:
                image: {web}
                ports: ["18080:8080"]
                environment:
                  KV_PORT: "${"{"}SLIM_TEST_KV_PORT:-6379{"}"}"
                volumes: [/tmp/web-cache]
                depends_on:
                  kv:
                    condition: service_healthy
              kv:
                image: {kv}
                volumes: ["scratch:/scratch"]
                healthcheck:
                  test: ["CMD", "redis-cli", "ping"]
                  interval: 500ms
                  timeout: 5s
                  retries: 60
              unused:
                image: not-an-image-anywhere:never
            volumes:
              scratch:
            """);
        return path;
    }

    [Fact]
    public async Task A_web_app_from_a_compose_file_is_slimmed_beside_its_healthy_database_and_passes_its_check()
    {
        await using var workspace = new BuildWorkspace();
        var compose = await WriteComposeFileAsync(workspace);
        var tag = workspace.NewTag("kv-web-compose");

        // No --target: the service's image. /cgi-bin/visit is linked from nowhere: the host command is the only probe that reaches it.
        var build = await slim.RunAsync(workspace.Directory, [
            "build", "--compose-file", compose, "--target-compose-svc", "web", "--tag", tag, "--host-exec", "curl -sf \"$SLIM_URL_8080/cgi-bin/visit\""]);

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("waiting until kv is healthy", build.StandardError, StringComparison.Ordinal);
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.True(report.VerificationPassed, report.VerificationFailures);
        var greeting = report.Root.GetProperty("probes").GetProperty("http").EnumerateArray().Single(h => h.GetProperty("path").GetString() == "/cgi-bin/greeting");
        Assert.Equal(200, greeting.GetProperty("status").GetInt32());
        // The database is started fresh for each run: the slim image's visit is the first one too.
        Assert.Equal("visits: 1\n", report.Root.GetProperty("probes").GetProperty("hostExec")[0].GetProperty("stdout").GetString());
        Assert.Equal("visits: 1\n", report.Root.GetProperty("verification").GetProperty("hostExec")[0].GetProperty("stdout").GetString());
        // the report says where the target came from and what ran beside it (kv, not the unused service)
        var composed = report.Root.GetProperty("compose");
        Assert.Equal(compose, composed.GetProperty("file").GetString());
        Assert.Equal("web", composed.GetProperty("service").GetString());
        var beside = Assert.Single(composed.GetProperty("dependencies").EnumerateArray());
        Assert.Equal("kv", beside.GetProperty("name").GetString());
        Assert.Equal(await images.GetAsync(SampleApp.Named("redis-kv")), beside.GetProperty("image").GetString());
        var check = await Web.CheckAsync(tag, "--security-opt", $"seccomp={report.SeccompProfile}");
        Assert.True(check.Succeeded, check.ToString());
        await AssertNothingLeftAsync(tag);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Interrupted_during_a_host_command_it_leaves_nothing_behind(string signal)
    {
        await using var workspace = new BuildWorkspace();
        var compose = await WriteComposeFileAsync(workspace);
        var tag = workspace.NewTag("kv-web-compose-" + signal.ToLowerInvariant());
        var pidFile = workspace.PathOf("host-command.pid");
        var start = new System.Diagnostics.ProcessStartInfo("env") { WorkingDirectory = workspace.Directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { $"--default-signal={signal}", slim.Path, "build", "--compose-file", compose, "--target-compose-svc", "web", "--tag", tag, "--host-exec", $"sleep 600 & echo $! > {pidFile}; wait" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        while (await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)) is { } line && !line.Contains("host-exec:", StringComparison.Ordinal))
        {
        }

        for (var i = 0; i < 100 && !(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0); i++)
        {
            await Task.Delay(100);
        }

        // The sensor and the database run, on slim's network, with slim's volume.
        Assert.Single(await TestResources.SlimContainersAsync("compose"));
        Assert.NotEmpty(await TestResources.SlimContainersAsync("sensor"));
        Assert.NotEmpty(await TestResources.SlimComposeResourcesAsync("network"));
        Assert.NotEmpty(await TestResources.SlimComposeResourcesAsync("volume"));
        (await ExternalCommand.RunAsync("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();
        var rest = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", rest, StringComparison.Ordinal);
        Assert.False(await Docker.ImageExistsAsync(tag));
        await AssertNothingLeftAsync(tag);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: [unclosed\n", "compose.yaml: line ")]
    [InlineData("services:\n  web:\n    image: w\n    depends_on: [db]\n", "compose.yaml: services.web.depends_on: no service 'db' in the file")]
    [InlineData("services:\n  web:\n    build: ./web\n", "services.web: no image: to run")]
    [InlineData("services:\n  db:\n    image: d\n", "compose.yaml: services.web: no such service (the file has db)")]
    public async Task An_unusable_compose_file_is_one_line_and_exit_2(string yaml, string expected)
    {
        await using var workspace = new BuildWorkspace();
        await File.WriteAllTextAsync(workspace.PathOf("compose.yaml"), yaml);

        var build = await slim.RunAsync(workspace.Directory, ["build", "--compose-file", "compose.yaml", "--target-compose-svc", "web"]);

        Assert.Equal(2, build.ExitCode);
        var line = Assert.Single(build.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    /// <summary>
    /// Nothing of this build: no Compose container, network or volume of slim's, and none of slim's containers from the
    /// sample's image or the slim tag (other runs share the engine and its labels, and leave volumes of their own, so the
    /// engine's whole volume list proves nothing; the samples declare no VOLUME, and every volume of the file is slim's, labelled).
    /// </summary>
    private async Task AssertNothingLeftAsync(string tag)
    {
        Assert.Empty(await TestResources.SlimContainersAsync("compose"));
        Assert.Empty(await TestResources.SlimComposeResourcesAsync("network"));
        Assert.Empty(await TestResources.SlimComposeResourcesAsync("volume"));
        var slims = await TestResources.SlimContainersAsync();
        foreach (var image in new[] { await images.GetAsync(Web), tag })
        {
            var fromImage = (await Docker.RunAsync("ps", "-aq", "--filter", "ancestor=" + image)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Empty(fromImage.Intersect(slims));
        }
    }
}
