using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// A command-line image that prints a different id every run: verification must not fail on that noise, yet still fail
/// when the slim image prints something else where the original is steady.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class OutputVerificationTests(DockerEngineFixture engine, SlimBinary slim)
{
    private async Task<string> BuildImageAsync()
    {
        var image = $"slim-test/noisy-cli:{Guid.NewGuid().ToString("N")[..8]}";
        var dockerfile = $"""
            FROM {engine.BusyboxBase}
            RUN echo steady data > /data.txt
            CMD ["sh", "-c", "echo start; cat /proc/sys/kernel/random/uuid; cat /data.txt 2>/dev/null || echo missing; echo end"]
            """;
        (await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile)).EnsureSuccess();
        return image;
    }

    [Fact]
    public async Task Lines_that_change_between_runs_of_the_original_are_noise_and_the_rest_must_match()
    {
        var image = await BuildImageAsync();
        await using var workspace = new BuildWorkspace();
        try
        {
            var kept = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", workspace.NewTag("noisy"), "--report", "kept.json"]);
            Assert.True(kept.Succeeded, kept.ToString());
            var report = BuildReportFile.Load(workspace.PathOf("kept.json"));
            Assert.True(report.VerificationPassed);
            Assert.Contains("between two runs of the original", report.Root.GetProperty("verification").GetProperty("warnings").ToString(), StringComparison.Ordinal);

            // Without /data.txt the slim image prints "missing" where the original always printed the data: a real change.
            var cut = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", workspace.NewTag("noisy"), "--report", "cut.json", "--exclude-pattern", "/data.txt"]);
            Assert.Equal(4, cut.ExitCode);
            var failed = BuildReportFile.Load(workspace.PathOf("cut.json"));
            Assert.False(failed.VerificationPassed);
            Assert.Contains("line 3 differs", failed.VerificationFailures, StringComparison.Ordinal);
            Assert.Contains("missing", failed.VerificationFailures, StringComparison.Ordinal);
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }
}
