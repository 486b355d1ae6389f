using Slim.Engine;
using Slim.Engine.Containers;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Tests.Engine;
using Slim.Trace;

namespace Slim.Pipeline.Tests.Sensor;

/// <summary>The sensor's container as the engine is asked for it, and that it goes whatever happens.</summary>
public sealed class SensorRunTests
{
    private static SensorOptions Options => new()
    {
        Image = SensorFixture.Image,
        ContinueAfter = ContinueAfter.Exit,
        Overrides = new RunOverrides { Mounts = ["/host/data:/data:ro"], Env = ["MODE=test"] },
    };

    [Fact]
    public async Task The_container_runs_the_tracer_as_root_with_only_the_tracing_capabilities_and_the_mounts()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => SensorFixture.TracedRun();

        var result = await new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(Options, CancellationToken.None);

        var (id, spec) = Assert.Single(fixture.Engine.Created);
        Assert.Equal(SensorFixture.Image, spec.Image);
        Assert.Equal(["SYS_PTRACE", "SYS_ADMIN"], spec.CapAdd);
        Assert.Equal(["seccomp=unconfined", "apparmor=unconfined"], spec.SecurityOpt);
        Assert.Equal(["/host/data:/data:ro"], spec.Binds);
        Assert.Equal(["MODE=test"], spec.Env);
        Assert.Equal("0:0", spec.User);
        Assert.Equal("/srv", spec.WorkingDir);
        Assert.Equal(TracerBundle.Launcher, spec.Entrypoint!.Take(TracerBundle.Launcher.Count));
        // The tracer drops to the image's user, then runs the image's command: read back as the tracer reads it.
        var tracer = TracerArguments.Parse([.. spec.Entrypoint!.Skip(TracerBundle.Launcher.Count)]);
        Assert.Equal(TraceKind.Run, tracer.Kind);
        Assert.Equal("app", tracer.User);
        Assert.Equal(["/app", "--serve"], tracer.Command);
        Assert.Empty(spec.Cmd!);
        Assert.Equal("sensor", spec.Labels[ContainerSession.Label]);
        Assert.Contains($"copy-in {id} /", fixture.Engine.Calls);
        Assert.Contains($"copy-out {id} {TracerMount.Artifacts}", fixture.Engine.Calls);
        Assert.Equal([id], fixture.Engine.Removed);
        var report = Assert.Single(result.Reports);
        Assert.Equal(["read", "write", "exit_group"], report.Syscalls.Select(s => s.Name));
        Assert.Equal(0, result.Outcome.ExitCode);
        Assert.Equal("hello\n", result.Outcome.Stdout.Head);
    }

    [Fact]
    public async Task A_container_that_fails_to_start_is_removed()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Failing.Add("start");

        var e = await Assert.ThrowsAsync<EngineException>(() => new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(Options, CancellationToken.None));

        Assert.Contains("start", e.Message, StringComparison.Ordinal);
        var (id, _) = Assert.Single(fixture.Engine.Created);
        Assert.Equal([id], fixture.Engine.Removed);
    }

    [Fact]
    public async Task A_cancelled_run_removes_its_container()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => SensorFixture.TracedRun() with { ExitsWith = null }; // runs until stopped
        using var cancel = new CancellationTokenSource();
        var run = new SensorRun(fixture.Engine, fixture.Bundle, m =>
        {
            if (m.StartsWith("waiting for the app to exit", StringComparison.Ordinal))
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            }
        }).RunAsync(Options, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var (id, _) = Assert.Single(fixture.Engine.Created);
        Assert.Equal([id], fixture.Engine.Removed);
    }

    [Fact]
    public async Task No_report_from_the_tracer_is_a_sensor_failure_and_the_container_still_goes()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => new FakeBehaviour { ExitsWith = 127 };

        var e = await Assert.ThrowsAsync<SensorException>(() => new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(Options, CancellationToken.None));

        Assert.Contains("wrote no report", e.Message, StringComparison.Ordinal);
        Assert.Contains("exit 127", e.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Engine.Removed);
    }

    [Fact]
    public async Task A_kept_sensor_container_is_not_removed()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => SensorFixture.TracedRun();

        await new SensorRun(fixture.Engine, fixture.Bundle, _ => { }).RunAsync(Options with { KeepContainer = true }, CancellationToken.None);

        Assert.Single(fixture.Engine.Created);
        Assert.Empty(fixture.Engine.Removed);
    }
}
