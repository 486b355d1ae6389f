using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// An app that serves / over HTTP (python's http.server) lists what the container holds: the sensor's folder must not
/// be among it, or the slim image, which rightly lacks it, answers differently and fails verification (issue 14, defect 1).
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class HiddenSensorBuildTests(SampleImages images, SlimBinary slim)
{
    [Fact]
    public async Task A_server_of_the_root_directory_never_sees_the_sensor_and_its_slim_image_passes_verification()
    {
        var python = await images.GetAsync(SampleApp.Named("python-flask"));
        var image = $"slim-test/root-listing:{Guid.NewGuid().ToString("N")[..8]}";
        var dockerfile = $"""
            FROM {python}
            EXPOSE 8000
            CMD ["python3", "-m", "http.server", "8000", "--directory", "/"]
            """;
        (await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile)).EnsureSuccess();
        await using var workspace = new BuildWorkspace();
        try
        {
            var build = await slim.RunAsync(workspace.Directory,
                ["build", "--target", image, "--tag", workspace.NewTag("root-listing"), "--http-probe-ports", "8000", "--http-crawl-max-depth", "1"]);

            Assert.True(build.Succeeded, build.ToString());
            var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
            Assert.True(report.VerificationPassed);
            var asked = report.Root.GetProperty("probes").GetProperty("http").EnumerateArray().Select(h => h.GetProperty("path").GetString()!).ToList();
            // The listing of / was followed (so the crawler saw what the app listed), and nothing of the sensor was in it.
            Assert.Contains("/etc/", asked);
            Assert.DoesNotContain(asked, p => p.StartsWith("/.slim", StringComparison.Ordinal) || p.StartsWith("/dev/.slim", StringComparison.Ordinal));
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }
}
