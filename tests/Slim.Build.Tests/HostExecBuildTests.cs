using System.Text.Json;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// A database server (the redis-kv sample) probed the way its team tests it: a RESP client on the host, run by
/// `--host-exec` against the published port. SlimBuildSampleTests runs the sample's own arguments (--http-probe=false
/// --host-exec) and its check under the profile; these are the failures and the port that does not speak HTTP.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class HostExecBuildTests(SampleImages images, SlimBinary slim)
{
    private static readonly SampleApp Sample = SampleApp.Named("redis-kv");

    private static string Client => $"python3 {Path.Combine(Sample.Directory, "kv-client.py")} check";

    [Fact]
    public async Task A_kept_file_removed_by_an_exclude_pattern_fails_verification_through_the_host_command()
    {
        var image = await images.GetAsync(Sample);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("redis-kv-broken");

        var build = await slim.RunAsync(workspace.Directory, [
            "build", "--target", image, "--tag", tag, "--http-probe=false", "--host-exec", Client,
            "--exclude-pattern", "/var/lib/redis/seed.rdb", "--repair-rounds", "0"]);

        Assert.Equal(4, build.ExitCode); // slim differs
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.False(report.VerificationPassed);
        // The server starts without its data file and without an error: only the client's seeded-key step notices.
        var failure = Assert.Single(report.Root.GetProperty("verification").GetProperty("failures").EnumerateArray()).GetString();
        Assert.StartsWith($"host command `{Client}`: exit 1, against the original 0 (FAIL GET greeting (seeded)", failure, StringComparison.Ordinal);
        var original = report.Root.GetProperty("probes").GetProperty("hostExec")[0];
        Assert.Equal(0, original.GetProperty("exitCode").GetInt32());
        Assert.Contains("ok GET greeting (seeded)", original.GetProperty("stdout").GetString(), StringComparison.Ordinal);
        var slimRun = report.Root.GetProperty("verification").GetProperty("hostExec")[0];
        Assert.Equal(1, slimRun.GetProperty("exitCode").GetInt32());
        Assert.Empty(await TestResources.SlimContainersAsync());
    }

    [Fact]
    public async Task A_port_that_does_not_speak_http_is_recorded_as_tcp_without_failing_or_waiting()
    {
        var image = await images.GetAsync(Sample);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("redis-kv-tcp");

        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag, "--host-exec", Client]);

        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.True(report.VerificationPassed, report.VerificationFailures);
        var probes = report.Root.GetProperty("probes");
        Assert.Equal(["6379/tcp"], probes.GetProperty("tcpPorts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, probes.GetProperty("unansweredPorts").GetArrayLength());
        Assert.Equal(0, probes.GetProperty("http").GetArrayLength());
        // The HTTP probe gave up on the port after a few quick tries, far from its 60 s wait for a port that never answers.
        var sensorSeconds = report.Root.GetProperty("durationsSeconds").GetProperty("sensor").GetDouble();
        Assert.True(sensorSeconds < 30, $"the sensor run took {sensorSeconds} s");
        Assert.Empty(await TestResources.SlimContainersAsync());
    }

    [Fact]
    public async Task A_host_command_that_fails_against_the_original_fails_the_build_with_its_last_line()
    {
        var image = await images.GetAsync(Sample);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("redis-kv-failing");

        var build = await slim.RunAsync(workspace.Directory, [
            "build", "--target", image, "--tag", tag, "--http-probe=false",
            "--host-exec", "test -n \"$SLIM_PORT_6379\" && echo \"1 passed\" && echo \"not ok 2 - port $SLIM_PORT_6379 gave no answer\" >&2 && exit 3"]);

        Assert.Equal(1, build.ExitCode);
        var last = build.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains("exited 3 against", last, StringComparison.Ordinal);
        Assert.Matches(@"not ok 2 - port \d+ gave no answer$", last);
        Assert.False(await Docker.ImageExistsAsync(tag));
        Assert.False(File.Exists(workspace.PathOf("slim.report.json")));
        Assert.Empty(await TestResources.SlimContainersAsync());
    }
}
