using System.Globalization;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// A web app whose database runs in another container (the kv-web sample and the redis-kv sample), joined with
/// `--network` on a user-defined network the test makes, as a team's compose setup would. slim uses the network and
/// leaves it, the database and every volume as they were; it leaves nothing of its own, also when interrupted.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class NetworkBuildTests(SampleImages images, SlimBinary slim) : IAsyncLifetime
{
    private static readonly SampleApp Web = SampleApp.Named("kv-web");
    private readonly string _network = "slim-test-net-" + TestResources.RunId + "-" + Guid.NewGuid().ToString("N")[..6];
    private string _database = "";

    public async Task InitializeAsync()
    {
        var kv = await images.GetAsync(SampleApp.Named("redis-kv"));
        (await Docker.RunAsync(["network", "create", .. TestResources.LabelArguments, _network], TimeSpan.FromMinutes(1))).EnsureSuccess();
        _database = (await Docker.RunAsync(["run", "-d", .. TestResources.LabelArguments, "--network", _network, "--network-alias", "kv", kv], TimeSpan.FromMinutes(1)))
            .EnsureSuccess().StandardOutput.Trim();
    }

    public async Task DisposeAsync()
    {
        if (_database.Length > 0)
        {
            await Docker.RunAsync("rm", "-f", _database);
        }

        await Docker.RunAsync("network", "rm", _network);
    }

    [Fact]
    public async Task A_web_app_that_needs_a_database_is_slimmed_on_its_network_and_passes_its_check()
    {
        var image = await images.GetAsync(Web);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag("kv-web");
        var volumes = await VolumesAsync();

        // /cgi-bin/visit is linked from nowhere: the host command is the only probe that reaches it.
        var build = await slim.RunAsync(workspace.Directory, [
            "build", "--target", image, "--tag", tag, "--network", _network, "--host-exec", "curl -sf \"$SLIM_URL_8080/cgi-bin/visit\""]);

        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.True(report.VerificationPassed, report.VerificationFailures);
        var greeting = report.Root.GetProperty("probes").GetProperty("http").EnumerateArray().Single(h => h.GetProperty("path").GetString() == "/cgi-bin/greeting");
        Assert.Equal(200, greeting.GetProperty("status").GetInt32());
        // The count lives in the database, so the slim image's visit is a later one: noise by the second run's rule, not a failure.
        Assert.Equal("visits: 1\n", report.Root.GetProperty("probes").GetProperty("hostExec")[0].GetProperty("stdout").GetString());
        var check = await Web.CheckAsync(tag, "--security-opt", $"seccomp={report.SeccompProfile}");
        Assert.True(check.Succeeded, check.ToString());
        Assert.Empty(await TestResources.SlimContainersAsync());
        Assert.Empty((await VolumesAsync()).Except(volumes));
        Assert.True((await Docker.RunAsync("network", "inspect", _network)).Succeeded, "slim removed the user's network");
        Assert.Equal("true", (await Docker.RunAsync("inspect", "-f", "{{.State.Running}}", _database)).StandardOutput.Trim());
    }

    [Fact]
    public Task Ctrl_C_during_a_host_command_leaves_nothing_of_slims_and_ends_the_command() =>
        InterruptDuringAHostCommandAsync("INT", "kv-web-ctrl-c");

    [Fact]
    public Task SIGTERM_during_a_host_command_leaves_nothing_of_slims_and_ends_the_command() =>
        InterruptDuringAHostCommandAsync("TERM", "kv-web-sigterm");

    [Fact]
    public async Task A_network_that_does_not_exist_is_bad_input()
    {
        var image = await images.GetAsync(Web);
        await using var workspace = new BuildWorkspace();

        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", workspace.NewTag("kv-web-nonet"), "--network", _network + "-missing"]);

        Assert.Equal(2, build.ExitCode);
        Assert.Contains($"--network {_network}-missing: no such network", build.StandardError, StringComparison.Ordinal);
        Assert.Empty(await TestResources.SlimContainersAsync());
    }

    /// <summary>
    /// Starts a build whose host command runs for ten minutes, sends slim <paramref name="signal"/> once the command
    /// runs, and checks that slim ends as cancelled (130), the command's child with it, and that the build's containers,
    /// image, volumes and files are gone while the user's network and database stay.
    /// </summary>
    private async Task InterruptDuringAHostCommandAsync(string signal, string name)
    {
        var image = await images.GetAsync(Web);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag(name);
        var volumes = await VolumesAsync();
        var pidFile = workspace.PathOf("host-command.pid");
        var start = new System.Diagnostics.ProcessStartInfo("env") { WorkingDirectory = workspace.Directory, RedirectStandardError = true, RedirectStandardOutput = true };

        // env restores the signal's default disposition: a test host started in the background may have inherited it ignored.
        foreach (var argument in new[] { $"--default-signal={signal}", slim.Path, "build", "--target", image, "--tag", tag, "--network", _network, "--host-exec", $"sleep 600 & echo $! > {pidFile}; wait" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var seen = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains("host-exec:", StringComparison.Ordinal))
            {
                break;
            }
        }

        for (var i = 0; i < 100 && !(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(pidFile), "the host command never started; slim said:\n" + seen);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        Assert.NotEmpty(await TestResources.SlimContainersAsync());
        (await ExternalCommand.RunAsync("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();
        var rest = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode} after SIG{signal}:\n{seen}{rest}");
        Assert.Contains("cancelled", rest, StringComparison.Ordinal);
        Assert.Empty(await TestResources.SlimContainersAsync());
        Assert.False(await Docker.ImageExistsAsync(tag));
        Assert.Empty((await VolumesAsync()).Except(volumes));
        Assert.False(Running(pid), $"the host command's child {pid} outlived the build cancelled by SIG{signal}");
        Assert.Equal("true", (await Docker.RunAsync("inspect", "-f", "{{.State.Running}}", _database)).StandardOutput.Trim());
        Assert.Equal(["host-command.pid"], System.IO.Directory.GetFiles(workspace.Directory).Select(Path.GetFileName));
    }

    /// <summary>The engine's volumes; compared as "none added", since other test runs may share the engine.</summary>
    private static async Task<string[]> VolumesAsync() =>
        (await Docker.RunAsync("volume", "ls", "-q")).EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Running(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Trim().StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
