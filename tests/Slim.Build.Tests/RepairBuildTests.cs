using System.Text.Json;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// Verification with teeth, and the repair that answers it: a web app whose answer lists a directory loses the entries
/// it never opened under the `used` policy; verification sees the changed body, a repair round traces the slim image,
/// adds what the listing found missing and verifies again. A page with a timestamp is noise, not a failure; a change
/// the rules force (an excluded file) fails with exit 4.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class RepairBuildTests(DockerEngineFixture engine, SlimBinary slim)
{
    private async Task<string> BuildImageAsync()
    {
        var image = $"slim-test/listing-web:{Guid.NewGuid().ToString("N")[..8]}";
        // CGI scripts: one lists a directory and reads one file of it; one prints a steady line and a fresh uuid.
        var dockerfile = $"""
            FROM {engine.BusyboxBase}
            RUN mkdir -p /srv/data /www/cgi-bin && echo alpha > /srv/data/a.txt && echo beta > /srv/data/b.txt && echo '{"{}"}' > /srv/data/config.json
            RUN printf '<a href="/cgi-bin/files">files</a> <a href="/cgi-bin/clock">clock</a>\n' > /www/index.html
            RUN printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\nfor f in /srv/data/*; do echo "$f"; done\ncat /srv/data/config.json\n' > /www/cgi-bin/files
            RUN printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\necho steady line\ncat /proc/sys/kernel/random/uuid\n' > /www/cgi-bin/clock
            RUN chmod 755 /www/cgi-bin/files /www/cgi-bin/clock
            EXPOSE 8080
            CMD httpd -f -p 8080 -h /www
            """;
        (await ExternalCommand.RunAsync("docker", ["build", "-q", "-t", image, "-"], TimeSpan.FromMinutes(2), standardInput: dockerfile)).EnsureSuccess();
        return image;
    }

    private static async Task<HashSet<string>> DanglingAsync() =>
        (await Docker.RunAsync("images", "-q", "--no-trunc", "--filter", "dangling=true")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    [Fact]
    public async Task A_listing_cut_by_selection_is_repaired_in_a_second_round_and_the_report_says_why()
    {
        var image = await BuildImageAsync();
        await using var workspace = new BuildWorkspace();
        try
        {
            var tag = workspace.NewTag("listing");
            var danglingBefore = await DanglingAsync();
            var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag]);

            Assert.True(build.Succeeded, build.ToString());
            var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
            Assert.True(report.VerificationPassed, report.VerificationFailures);
            var round = Assert.Single(report.Root.GetProperty("repair").EnumerateArray());
            Assert.Contains("GET /cgi-bin/files", round.GetProperty("answered").ToString(), StringComparison.Ordinal);
            Assert.Contains("/srv/data/a.txt (listed in /srv/data)", round.GetProperty("found").ToString(), StringComparison.Ordinal);
            Assert.True(round.GetProperty("pathsAdded").GetInt32() >= 2);
            // The uuid page differs every run of the original too: a warning, not a failure.
            Assert.Contains("/cgi-bin/clock", report.Root.GetProperty("verification").GetProperty("warnings").ToString(), StringComparison.Ordinal);

            var listing = await Docker.RunAsync("run", "--rm", "--entrypoint", "/bin/sh", tag, "-c", "echo /srv/data/*");
            Assert.Equal("/srv/data/a.txt /srv/data/b.txt /srv/data/config.json", listing.StandardOutput.Trim());
            // The image the repair replaced is gone: only the tag's own image is left of this build.
            Assert.Empty((await DanglingAsync()).Except(danglingBefore));
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }

    [Fact]
    public async Task Without_repair_the_changed_body_fails_and_a_forced_change_fails_even_with_repair()
    {
        var image = await BuildImageAsync();
        await using var workspace = new BuildWorkspace();
        try
        {
            var plain = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", workspace.NewTag("listing"), "--repair-rounds", "0", "--report", "plain.json"]);
            Assert.Equal(4, plain.ExitCode);
            var failed = BuildReportFile.Load(workspace.PathOf("plain.json"));
            Assert.Contains("GET /cgi-bin/files (port 8080): body line 1 differs: \\u0022/srv/data/config.json\\u0022", failed.VerificationFailures, StringComparison.Ordinal);

            var excluded = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", workspace.NewTag("listing"), "--listed-dirs", "children", "--exclude-pattern", "/srv/data/config.json", "--report", "excluded.json"]);
            Assert.Equal(4, excluded.ExitCode);
            var report = BuildReportFile.Load(workspace.PathOf("excluded.json"));
            Assert.False(report.VerificationPassed);
            Assert.Contains("GET /cgi-bin/files", report.VerificationFailures, StringComparison.Ordinal);
            var rounds = report.Root.GetProperty("repair").EnumerateArray().ToList();
            Assert.NotEmpty(rounds);
            Assert.Equal(JsonValueKind.String, rounds[^1].GetProperty("stopped").ValueKind);
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }

    [Fact]
    public async Task A_server_profiled_only_by_exec_commands_ends_after_them_instead_of_waiting_for_its_exit()
    {
        var image = await BuildImageAsync();
        await using var workspace = new BuildWorkspace();
        try
        {
            // The server never exits by itself: waiting for it would take the 10 min exit timeout (and the test's own limit).
            var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", workspace.NewTag("listing"), "--http-probe=false", "--exec", "cat /srv/data/b.txt"]);

            Assert.True(build.Succeeded, build.ToString());
            var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
            Assert.Equal("probe", report.Root.GetProperty("probes").GetProperty("continueAfter").GetString());
            Assert.Equal("beta\n", report.Root.GetProperty("probes").GetProperty("exec")[0].GetProperty("stdout").GetString());
            Assert.True(report.Root.GetProperty("durationsSeconds").GetProperty("sensor").GetDouble() < 120);
            Assert.True(report.VerificationPassed, report.VerificationFailures);
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", image);
        }
    }
}
