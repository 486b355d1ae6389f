using System.Net;
using System.Net.Sockets;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>What `slim build` promises beyond a working image: same input, same digest; no shared filesystem with the engine; profile-only runs.</summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class BuildGuaranteesTests(SampleImages images, SlimBinary slim)
{
    [Fact]
    public async Task Building_the_same_image_twice_gives_the_same_image_id()
    {
        var image = await images.GetAsync(SampleApp.Named("nginx-static"));
        await using var first = new BuildWorkspace();
        await using var second = new BuildWorkspace();

        var one = await slim.RunAsync(first.Directory, ["build", "--target", image, "--tag", first.NewTag("nginx-static"), "--verify=false"]);
        var two = await slim.RunAsync(second.Directory, ["build", "--target", image, "--tag", second.NewTag("nginx-static"), "--verify=false"]);

        Assert.True(one.Succeeded, one.ToString());
        Assert.True(two.Succeeded, two.ToString());
        Assert.Equal(
            BuildReportFile.Load(first.PathOf("slim.report.json")).ResultId,
            BuildReportFile.Load(second.PathOf("slim.report.json")).ResultId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task It_works_against_the_engine_over_tcp_with_no_shared_filesystem(bool remoteAddress)
    {
        var image = await images.GetAsync(SampleApp.Named("go-static"));
        var port = FreePort();
        // The engine's bridge gateway is an address of this machine that is not loopback: to slim, an engine on
        // another host, whose ports a probe can only reach when they are not published on its loopback.
        var address = remoteAddress ? await BridgeGatewayAsync() : "127.0.0.1";
        Assert.False(string.IsNullOrEmpty(address));
        // socat stands in for a remote engine's TCP endpoint; slim then sees only the API.
        using var proxy = System.Diagnostics.Process.Start("socat", $"TCP-LISTEN:{port},bind={address},reuseaddr,fork UNIX-CONNECT:{EngineSocket()}")!;
        try
        {
            await WaitForPortAsync(address, port);
            await using var workspace = new BuildWorkspace();
            var tag = workspace.NewTag("go-static");

            var build = await slim.RunAsync(
                workspace.Directory,
                ["build", "--target", image, "--tag", tag],
                new Dictionary<string, string> { ["DOCKER_HOST"] = $"tcp://{address}:{port}" });

            Assert.True(build.Succeeded, build.ToString());
            Assert.True(BuildReportFile.Load(workspace.PathOf("slim.report.json")).VerificationPassed);
            Assert.True(await Docker.ImageExistsAsync(tag));
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Output_writes_an_oci_archive_that_skopeo_reads_and_says_it_was_not_verified()
    {
        var image = await images.GetAsync(SampleApp.Named("go-static"));
        await using var workspace = new BuildWorkspace();
        var archive = workspace.PathOf("go-static.oci.tar");

        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--output", $"oci-archive:{archive}"]);

        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.Contains("not loaded into the engine", report.Root.GetProperty("verificationSkipped").GetString(), StringComparison.Ordinal);
        var inspect = await ExternalCommand.RunAsync("skopeo", ["inspect", "--raw", $"oci-archive:{archive}"]);
        Assert.True(inspect.Succeeded, inspect.ToString());
        Assert.Contains(report.ResultId, inspect.StandardOutput, StringComparison.Ordinal); // the manifest names the config we reported
    }

    [Fact]
    public async Task Continue_after_signal_ends_profiling_on_SIGUSR1_and_still_builds()
    {
        var image = await images.GetAsync(SampleApp.Named("go-static"));
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("go-static");
        var start = new System.Diagnostics.ProcessStartInfo(slim.Path) { WorkingDirectory = workspace.Directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "build", "--target", image, "--tag", tag, "--continue-after", "signal" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 300 && !(await TestResources.SlimContainersAsync()).Any(); i++)
        {
            await Task.Delay(100);
        }

        // Sent as soon as the sensor exists, before slim waits for it: it must be remembered, not fatal.
        (await ExternalCommand.RunAsync("kill", ["-USR1", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).EnsureSuccess();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(process.ExitCode == 0, await stderr + await stdout);
        Assert.True(BuildReportFile.Load(workspace.PathOf("slim.report.json")).VerificationPassed);
        Assert.Empty(await TestResources.SlimContainersAsync());
    }

    [Fact]
    public async Task Profile_writes_a_working_seccomp_profile_and_no_image()
    {
        var image = await images.GetAsync(SampleApp.Named("node-http"));
        await using var workspace = new BuildWorkspace();

        var run = await slim.RunAsync(workspace.Directory, ["profile", "--target", image, "--seccomp-out", "node.json"]);

        Assert.True(run.Succeeded, run.ToString());
        var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        Assert.False(await Docker.ImageExistsAsync($"{repository}.slim:{tag}"));
        Assert.False(BuildReportFile.Load(workspace.PathOf("slim.report.json")).Root.TryGetProperty("result", out _));
        var check = await SampleApp.Named("node-http").CheckAsync(image, "--security-opt", $"seccomp={workspace.PathOf("node.json")}");
        Assert.True(check.Succeeded, check.ToString());
    }

    /// <summary>The unix socket of the engine the tests use (DOCKER_HOST when it names one).</summary>
    private static string EngineSocket() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The bridge network's gateway: as its IPAM config says, or (an engine that leaves it out) docker0's own address.</summary>
    private static async Task<string> BridgeGatewayAsync()
    {
        var configured = (await Docker.RunAsync("network", "inspect", "bridge", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}")).StandardOutput.Trim();
        if (configured.Length > 0)
        {
            return configured;
        }

        var device = (await ExternalCommand.RunAsync("ip", ["-4", "-o", "addr", "show", "dev", "docker0"])).StandardOutput;
        var match = System.Text.RegularExpressions.Regex.Match(device, @"inet (\d+\.\d+\.\d+\.\d+)/");
        return match.Success ? match.Groups[1].Value : "";
    }

    private static async Task WaitForPortAsync(string address, int port)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Parse(address), port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"socat did not listen on {port}");
    }
}
