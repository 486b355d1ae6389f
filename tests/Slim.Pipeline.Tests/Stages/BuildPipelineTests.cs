using Slim.Pipeline.Hardening;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Stages;
using Slim.Pipeline.Tests.Engine;
using Slim.Testing;
using Slim.Trace.Errors;

namespace Slim.Pipeline.Tests.Stages;

/// <summary>Which stages a request runs, and `slim profile` from end to end against a fake engine.</summary>
public sealed class BuildPipelineTests
{
    private static BuildRequest Request(bool profileOnly, TempDirectory output) => new()
    {
        Target = ImageName.Target(SensorFixture.Image, "--target"),
        ProfileOnly = profileOnly,
        Verify = !profileOnly,
        SeccompOut = output["app-seccomp.json"],
        ReportPath = output["slim.report.json"],
        Sensor = new SensorOptions { Image = SensorFixture.Image, ContinueAfter = ContinueAfter.Exit },
    };

    [Fact]
    public void A_build_runs_every_stage_in_order()
    {
        using var output = new TempDirectory();

        var stages = BuildPipeline.StagesFor(Request(profileOnly: false, output)).Select(s => s.GetType()).ToList();

        Assert.Equal(
            [typeof(ResolveStage), typeof(IndexStage), typeof(SensorStage), typeof(SeccompStage), typeof(RebuildStage), typeof(WriteStage), typeof(VerifyStage), typeof(HardeningStage), typeof(ReportStage)],
            stages);
    }

    [Fact]
    public void Profile_is_the_build_without_its_index_rebuild_write_and_verify_stages()
    {
        using var output = new TempDirectory();

        var stages = BuildPipeline.StagesFor(Request(profileOnly: true, output)).Select(s => s.GetType()).ToList();

        Assert.Equal([typeof(ResolveStage), typeof(SensorStage), typeof(SeccompStage), typeof(ReportStage)], stages);
    }

    [Fact]
    public async Task Profile_traces_and_writes_the_profile_trace_and_report_but_never_exports_loads_or_tags_an_image()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => SensorFixture.TracedRun();
        using var output = new TempDirectory();
        var steps = new List<string>();

        var report = await new BuildPipeline(fixture.Engine, fixture.Bundle, (stage, _) => steps.Add(stage)).RunAsync(Request(profileOnly: true, output), CancellationToken.None);

        Assert.Equal("profile", report.Command);
        Assert.Null(report.Result);
        Assert.Null(report.Selection);
        Assert.Null(report.Verification);
        Assert.Null(report.VerificationSkipped);
        Assert.Equal("sha256:" + new string('a', 64), report.Target.Id);
        Assert.Equal(3, report.Syscalls.Traced);
        Assert.DoesNotContain(steps, s => s is "index" or "select" or "write" or "verify" or "repair");
        Assert.DoesNotContain(fixture.Engine.Calls, c => c.StartsWith("export", StringComparison.Ordinal) || c.StartsWith("load", StringComparison.Ordinal) || c.StartsWith("tag", StringComparison.Ordinal) || c.StartsWith("remove-image", StringComparison.Ordinal));
        // The sensor ran the image by the ID resolve pinned, and its container is gone.
        var (id, spec) = Assert.Single(fixture.Engine.Created);
        Assert.Equal(report.Target.Id, spec.Image);
        Assert.Equal([id], fixture.Engine.Removed);
        Assert.Contains("\"read\"", await File.ReadAllTextAsync(output["app-seccomp.json"]), StringComparison.Ordinal);
        // Named, as a build would name it, after the slim tag the target implies.
        Assert.True(File.Exists(output["app.slim-1-trace.json"]));
        Assert.True(File.Exists(output["slim.report.json"]));
    }

    [Fact]
    public async Task A_failed_sensor_run_writes_no_file_and_leaves_no_container()
    {
        using var fixture = new SensorFixture();
        fixture.Engine.Behaviour = _ => new FakeBehaviour { ExitsWith = 1 }; // the tracer wrote nothing
        using var output = new TempDirectory();

        await Assert.ThrowsAsync<SensorException>(() => new BuildPipeline(fixture.Engine, fixture.Bundle, (_, _) => { }).RunAsync(Request(profileOnly: true, output), CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
        Assert.Equal(fixture.Engine.Created.Select(c => c.Id), fixture.Engine.Removed);
    }

    [Fact]
    public async Task The_slim_tag_naming_the_original_is_refused_before_any_container_starts()
    {
        using var fixture = new SensorFixture();
        using var output = new TempDirectory();
        var request = Request(profileOnly: false, output) with { Tag = ImageName.Tag(SensorFixture.Image, "--tag") };

        var e = await Assert.ThrowsAsync<BuildException>(() => new BuildPipeline(fixture.Engine, fixture.Bundle, (_, _) => { }).RunAsync(request, CancellationToken.None));

        Assert.Contains("names the original image itself", e.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorReason.BadInput, e.Reason);
        Assert.Empty(fixture.Engine.Created);
        // Nothing was loaded, so nothing is given back: the original keeps its name.
        Assert.DoesNotContain(fixture.Engine.Calls, c => c.StartsWith("remove-image", StringComparison.Ordinal) || c.StartsWith("tag", StringComparison.Ordinal));
    }
}
