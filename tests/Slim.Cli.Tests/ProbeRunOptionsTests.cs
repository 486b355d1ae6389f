using System.CommandLine;
using Slim.Cli.Commands;

namespace Slim.Cli.Tests;

/// <summary>`--host-exec`, `--network` and the probe's tuning as `slim build` reads them into the sensor's options.</summary>
public sealed class ProbeRunOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slim-probe-run-options-").FullName;

    [Fact]
    public void Host_commands_come_from_the_flags_then_the_file_in_order_and_networks_are_kept()
    {
        var file = Path.Combine(_directory, "host-commands");
        File.WriteAllText(file, "# the team's suites\n./integration-tests.sh\n\n  redis-cli -p \"$SLIM_PORT_6379\" ping  \n");

        var sensor = Read("--target", "app", "--host-exec", "curl -sf \"$SLIM_URL_8080/healthz\"", "--host-exec-file", file, "--network", "shop-net", "--network", "cache-net").Sensor;

        Assert.Equal(["curl -sf \"$SLIM_URL_8080/healthz\"", "./integration-tests.sh", "redis-cli -p \"$SLIM_PORT_6379\" ping"], sensor.HostExec);
        Assert.Equal(["shop-net", "cache-net"], sensor.Networks);
    }

    [Fact]
    public void Probe_tuning_has_short_defaults_and_reads_its_flags()
    {
        var defaults = Read("--target", "app").Sensor;
        var tuned = Read(
            "--target", "app", "--http-probe-retry-count", "5", "--http-probe-retry-wait", "2.5", "--http-probe-start-wait", "3",
            "--http-probe-full", "--http-probe-exit-on-failure=false").Sensor;

        Assert.Equal(2, defaults.HttpProbeOptions.RetryCount);
        Assert.Equal(TimeSpan.FromSeconds(0.5), defaults.HttpProbeOptions.RetryWait);
        Assert.Equal(TimeSpan.Zero, defaults.HttpProbeOptions.StartWait);
        Assert.False(defaults.HttpProbeOptions.Full);
        Assert.True(defaults.HttpProbeExitOnFailure);
        Assert.Equal(5, tuned.HttpProbeOptions.RetryCount);
        Assert.Equal(TimeSpan.FromSeconds(2.5), tuned.HttpProbeOptions.RetryWait);
        Assert.Equal(TimeSpan.FromSeconds(3), tuned.HttpProbeOptions.StartWait);
        Assert.True(tuned.HttpProbeOptions.Full);
        Assert.False(tuned.HttpProbeExitOnFailure);
    }

    [Theory]
    [InlineData("--http-probe-retry-count", "-1", "expected a number from 0 to 100")]
    [InlineData("--http-probe-retry-wait", "-2", "expected seconds from 0 to 3600")]
    [InlineData("--http-probe-start-wait", "99999", "expected seconds from 0 to 3600")]
    [InlineData("--host-exec-file", "/nonexistent/commands", "does not exist")]
    [InlineData("--network", "host", "expected the name of a user-defined network")]
    [InlineData("--continue-after", "exit", "--host-exec needs the app running")]
    public async Task Bad_values_are_refused_in_one_line_with_exit_2(string option, string value, string message)
    {
        var run = await SlimRun.InvokeAsync("build", "--target", "app", "--host-exec", "true", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Continue_after_exec_is_satisfied_by_a_host_command()
    {
        var sensor = Read("--target", "app", "--continue-after", "exec", "--host-exec", "./integration-tests.sh").Sensor;

        Assert.Equal(Slim.Pipeline.Sensor.ContinueAfterKind.Exec, sensor.ContinueAfter!.Kind);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Slim.Pipeline.BuildRequest Read(params string[] args)
    {
        var options = new BuildCommandOptions();
        var command = new Command("build");
        options.AddTo(command, imageOptions: true);
        return options.ToRequest(command.Parse(args), profileOnly: false);
    }
}
