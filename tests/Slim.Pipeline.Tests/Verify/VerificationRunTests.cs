using Slim.Engine;
using Slim.Engine.Containers;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Tests.Engine;
using Slim.Pipeline.Verify;

namespace Slim.Pipeline.Tests.Verify;

/// <summary>Verification against a fake engine: the slim image's run is compared with the original's, and its containers go.</summary>
public sealed class VerificationRunTests
{
    private const string SlimImage = "example/app.slim:1";
    private const string Seccomp = """{"defaultAction":"SCMP_ACT_ERRNO"}""";

    private static readonly SensorOptions Options = new() { Image = SensorFixture.Image, ImageId = "sha256:" + new string('a', 64), ContinueAfter = ContinueAfter.Exit };

    private static SensorResult Original(string stdout, long exitCode = 0) =>
        new([], new ProbeOutcome([], [], [], exitCode, CapturedOutput.Of(stdout), CapturedOutput.Empty), ContinueAfter.Exit, ["/app"], TimeSpan.FromSeconds(1));

    private static SensorFixture Fixture(string originalStdout, string slimStdout, long slimExit = 0)
    {
        var fixture = new SensorFixture();
        fixture.Engine.AddImage(SlimImage, new EngineImage { Id = "sha256:" + new string('b', 64), Size = 100, Cmd = ["/app", "--serve"] });
        fixture.Engine.Behaviour = spec => spec.Image == SlimImage
            ? new FakeBehaviour { ExitsWith = slimExit, Stdout = slimStdout }
            : new FakeBehaviour { ExitsWith = 0, Stdout = originalStdout };
        return fixture;
    }

    [Fact]
    public async Task The_same_output_and_exit_passes_with_one_run_of_the_slim_image_under_the_profile()
    {
        using var fixture = Fixture("hello\n", "hello\n");

        var result = await new VerificationRun(fixture.Engine, _ => { }).RunAsync(SlimImage, Options, Original("hello\n"), Seccomp, CancellationToken.None);

        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.True(result.WithSeccompProfile);
        var (id, spec) = Assert.Single(fixture.Engine.Created);
        Assert.Equal(SlimImage, spec.Image);
        Assert.Equal(["seccomp=" + Seccomp], spec.SecurityOpt);
        Assert.Empty(spec.CapAdd);
        Assert.Null(spec.Entrypoint); // the slim image's own
        Assert.Equal("verify", spec.Labels[ContainerSession.Label]);
        Assert.Equal([id], fixture.Engine.Removed);
    }

    [Fact]
    public async Task Another_output_differs_even_after_a_second_look_at_the_original()
    {
        using var fixture = Fixture("hello\n", "goodbye\n");

        var result = await new VerificationRun(fixture.Engine, _ => { }).RunAsync(SlimImage, Options, Original("hello\n"), Seccomp, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.NotEmpty(result.Failures);
        // Same exit, other bytes: the original is run once more, untraced and without the profile, to rule out noise.
        Assert.Equal([SlimImage, "sha256:" + new string('a', 64)], fixture.Engine.Created.Select(c => c.Spec.Image));
        Assert.Empty(fixture.Engine.Created[1].Spec.SecurityOpt);
        Assert.Equal(fixture.Engine.Created.Select(c => c.Id).Order(StringComparer.Ordinal), fixture.Engine.Removed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_exit_code_differs()
    {
        using var fixture = Fixture("hello\n", "hello\n", slimExit: 1);

        var result = await new VerificationRun(fixture.Engine, _ => { }).RunAsync(SlimImage, Options, Original("hello\n"), Seccomp, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.Contains("exit", StringComparison.OrdinalIgnoreCase));
        Assert.Single(fixture.Engine.Created);
    }

    [Fact]
    public async Task Exec_output_is_compared_snippet_by_snippet()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.AddImage(SlimImage, new EngineImage { Id = "sha256:" + new string('b', 64), Cmd = ["/app"] });
        fixture.Engine.Behaviour = spec => new FakeBehaviour { ExitsWith = null, ExecStdout = spec.Image == SlimImage ? "3 rows\n" : "4 rows\n" };
        var options = Options with { ContinueAfter = ContinueAfter.Parse("exec"), Exec = ["app count"] };
        var original = new SensorResult([], new ProbeOutcome([], [new ExecResult(["/bin/sh", "-c", "app count"], 0, CapturedOutput.Of("4 rows\n"), CapturedOutput.Empty)], [], 143, CapturedOutput.Empty, CapturedOutput.Empty), ContinueAfter.Parse("exec"), ["/app"], TimeSpan.FromSeconds(1));

        var result = await new VerificationRun(fixture.Engine, _ => { }).RunAsync(SlimImage, options, original, null, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.False(result.WithSeccompProfile);
        Assert.Contains(fixture.Engine.Calls, c => c.EndsWith("/bin/sh -c app count", StringComparison.Ordinal));
        Assert.Equal(fixture.Engine.Created.Count, fixture.Engine.Removed.Count);
    }
}
