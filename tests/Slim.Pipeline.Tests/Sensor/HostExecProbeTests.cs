using Slim.Pipeline.Probes;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Tests.Engine;
using Slim.Pipeline.Tests.Probes;
using Slim.Testing;
using Slim.Trace.Errors;

namespace Slim.Pipeline.Tests.Sensor;

/// <summary>
/// The probes of a service that does not speak HTTP, against a fake engine whose container "publishes" its port on a real
/// RESP-like server on loopback: the port is recorded as tcp, and the host commands reach it through SLIM_PORT_*.
/// </summary>
public sealed class HostExecProbeTests
{
    private static FakeBehaviour Serving(TcpServer server) => SensorFixture.TracedRun() with
    {
        ExitsWith = null, // a server: runs until stopped
        Ports = new Dictionary<string, int>(StringComparer.Ordinal) { ["6379/tcp"] = server.Port },
    };

    /// <summary>A protocol client in a line of shell: sends PING, prints the reply.</summary>
    private const string Ping = "python3 -c \"import os,socket; s=socket.create_connection((os.environ['SLIM_TARGET_HOST'], int(os.environ['SLIM_PORT_6379']))); s.sendall(b'PING\\r\\n'); print(s.recv(64).decode().strip())\"";

    [Fact]
    public async Task A_port_that_does_not_speak_http_is_tcp_and_the_host_commands_reach_it()
    {
        using var server = new TcpServer("+PONG\r\n");
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => Serving(server);
        var options = new SensorOptions
        {
            Image = SensorFixture.Image,
            Overrides = new RunOverrides { Expose = ["6379"] },
            HttpProbeOptions = new HttpProbeOptions { RetryCount = 1, RetryWait = TimeSpan.FromMilliseconds(50) },
            HostExec = [Ping, "echo second"],
        };

        var result = await new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(options, CancellationToken.None);

        Assert.Equal(ContinueAfterKind.Probe, result.ContinueAfter.Kind);
        Assert.Equal(["6379/tcp"], result.Outcome.TcpPorts);
        Assert.Empty(result.Outcome.UnansweredPorts);
        Assert.Empty(result.Outcome.Http);
        Assert.Equal([Ping, "echo second"], result.Outcome.HostExec.Select(h => h.Command));
        Assert.Equal(["+PONG\n", "second\n"], result.Outcome.HostExec.Select(h => h.Stdout));
        Assert.All(result.Outcome.HostExec, h => Assert.Equal(0, h.ExitCode));
    }

    [Fact]
    public async Task Without_the_http_probe_the_host_commands_wait_for_the_port_and_stop_at_the_first_failure()
    {
        using var server = new TcpServer("+PONG\r\n");
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => Serving(server);
        var options = new SensorOptions
        {
            Image = SensorFixture.Image,
            Overrides = new RunOverrides { Expose = ["6379"] },
            HttpProbe = false,
            HostExec = ["echo checking; echo 'expected PONG, got nothing' >&2; exit 4", "echo never"],
        };

        var result = await new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(options, CancellationToken.None);

        var only = Assert.Single(result.Outcome.HostExec);
        Assert.Equal(4, only.ExitCode);
        Assert.Equal("expected PONG, got nothing", only.LastLine);
        Assert.Empty(result.Outcome.TcpPorts); // not asked over HTTP at all
        Assert.True(server.Connections >= 1); // the readiness check's connection
    }

    [Fact]
    public async Task A_failing_host_command_fails_the_build_with_its_last_line()
    {
        using var server = new TcpServer("+PONG\r\n");
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => Serving(server);
        using var output = new TempDirectory();
        var request = new BuildRequest
        {
            Target = ImageName.Target(SensorFixture.Image, "--target"),
            ProfileOnly = true,
            Verify = false,
            SeccompOut = output["app-seccomp.json"],
            ReportPath = output["slim.report.json"],
            Sensor = new SensorOptions { Image = SensorFixture.Image, Overrides = new RunOverrides { Expose = ["6379"] }, HttpProbe = false, HostExec = ["echo 'FAIL: SET then GET gave (nil)' >&2; exit 1"] },
        };

        var e = await Assert.ThrowsAsync<BuildException>(() => new BuildPipeline(fixture.Engine, fixture.Bundle, (_, _) => { }).RunAsync(request, CancellationToken.None));

        Assert.Equal("host command `echo 'FAIL: SET then GET gave (nil)' >&2; exit 1` exited 1 against example/app:1: FAIL: SET then GET gave (nil)", e.Message);
        Assert.False(File.Exists(output["slim.report.json"]));
        Assert.NotEmpty(fixture.Engine.Removed);
    }

    [Fact]
    public async Task A_network_that_does_not_exist_is_bad_input_before_any_container_is_made()
    {
        using var fixture = new SensorFixture();
        var options = new SensorOptions { Image = SensorFixture.Image, ContinueAfter = ContinueAfter.Exit, Networks = ["shop-net"] };

        var e = await Assert.ThrowsAsync<SensorException>(() => new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(options, CancellationToken.None));

        Assert.Equal(ErrorReason.BadInput, e.Reason);
        Assert.StartsWith("--network shop-net: no such network", e.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Engine.Created);
    }

    [Fact]
    public async Task The_container_joins_the_networks_named()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Networks.Add("shop-net");
        fixture.Engine.Behaviour = _ => SensorFixture.TracedRun();
        var options = new SensorOptions { Image = SensorFixture.Image, ContinueAfter = ContinueAfter.Exit, Networks = ["shop-net"] };

        await new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(options, CancellationToken.None);

        Assert.Equal(["shop-net"], Assert.Single(fixture.Engine.Created).Spec.Networks);
    }
}
