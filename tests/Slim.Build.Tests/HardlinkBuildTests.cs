using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>Hardlinks survive slimming as links, and a link whose original target a later layer rewrote keeps its own bytes.</summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class HardlinkBuildTests(DockerEngineFixture engine, SlimBinary slim)
{
    [Fact]
    public async Task Links_stay_links_and_a_link_to_a_rewritten_file_keeps_the_old_bytes()
    {
        var image = $"slim-test/hardlinks:{Guid.NewGuid().ToString("N")[..8]}";
        var dockerfile = $"""
            FROM {engine.BusyboxBase}
            RUN echo shared > /h1 && ln /h1 /h2 && echo original > /x && ln /x /y
            RUN echo rewritten > /x
            CMD ["cat", "/h1", "/h2", "/y", "/x"]
            """;
        (await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile)).EnsureSuccess();
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("hardlinks");
        try
        {
            var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag]);
            Assert.True(build.Succeeded, build.ToString());

            var run = await Docker.RunAsync("run", "--rm", tag);
            Assert.Equal("shared\nshared\noriginal\nrewritten\n", run.StandardOutput);

            var listing = await ExternalCommand.RunAsync("bash", ["-c", $"id=$(docker create {tag}) && docker export $id | tar -tv; docker rm $id >/dev/null"]);
            Assert.Contains("h2 link to h1", listing.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("y link to x", listing.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }
}
