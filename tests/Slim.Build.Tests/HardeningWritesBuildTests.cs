using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// The ways an app writes that an open-for-write alone does not show, each planned and proved read-only: the bind of a
/// Unix socket, an O_TMPFILE file, as a user that is not root in directories that user owns (a tmpfs is root's unless
/// told otherwise), and a write beside a file the app reads from the image (a tmpfs would hide it).
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class HardeningWritesBuildTests(SampleImages images, SlimBinary slim)
{
    private const string App =
        "import os, socket; " +
        "s = socket.socket(socket.AF_UNIX); s.bind('/run/app/app.sock'); s.close(); " +
        "fd = os.open('/var/cache/app', os.O_TMPFILE | os.O_WRONLY, 0o600); os.write(fd, b'x'); os.close(fd); " +
        "seed = open('/srv/data/seed').read(); open('/srv/data/log', 'a').write(seed); " +
        "print('ok', seed.strip())";

    [Fact]
    public async Task Socket_tmpfile_and_beside_image_file_writes_of_a_non_root_app_are_proved_under_a_read_only_root()
    {
        var python = await images.GetAsync(SampleApp.Named("python-flask"));
        var image = $"slim-test/hardening-writes:{Guid.NewGuid().ToString("N")[..8]}";
        var dockerfile = $"""
            FROM {python}
            RUN mkdir -p /run/app /var/cache/app /srv/data && echo seeded > /srv/data/seed \
             && chown 10005:10005 /run/app /var/cache/app /srv/data /srv/data/seed
            USER 10005:10005
            CMD ["python3", "-c", "{App}"]
            """;
        (await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile)).EnsureSuccess();
        await using var workspace = new BuildWorkspace();
        try
        {
            var tag = workspace.NewTag("hardening-writes");
            var hardeningOut = workspace.PathOf("hardening");
            var build = await slim.RunAsync(workspace.Directory,
                ["build", "--target", image, "--tag", tag, "--hardening-out", hardeningOut, "--http-probe=false", "--continue-after", "exit"]);

            Assert.True(build.Succeeded, build.ToString());
            var hardening = BuildReportFile.Load(workspace.PathOf("slim.report.json")).Hardening;
            Assert.True(hardening.GetProperty("proved").GetBoolean(), hardening.ToString());
            Assert.Equal(0, hardening.GetProperty("relaxed").GetArrayLength());
            var flags = File.ReadAllLines(Path.Combine(hardeningOut, "docker-run.args"));
            Assert.Contains("--read-only", flags);
            Assert.Contains("--tmpfs=/run/app:uid=10005,gid=10005,mode=0755", flags); // the socket's directory, the app's own
            Assert.Contains("--tmpfs=/var/cache/app:uid=10005,gid=10005,mode=0755", flags); // O_TMPFILE's, not its parent
            Assert.Contains("--volume=/srv/data", flags); // filled from the image: the seed is still there

            var run = await Docker.RunAsync(["run", "--rm", .. flags, tag], TimeSpan.FromMinutes(1));
            Assert.True(run.Succeeded, run.ToString());
            Assert.Equal("ok seeded", run.StandardOutput.Trim());
            Assert.Empty(await TestResources.SlimContainersAsync());
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }
}
