using Slim.Engine;
using Slim.Pipeline.Sensor;
using Slim.Trace.Errors;

namespace Slim.Pipeline.Tests.Sensor;

public sealed class ImageStartupTests
{
    [Fact]
    public void An_image_with_nothing_to_run_is_bad_input_that_says_how_to_fix_it()
    {
        var image = new EngineImage { Id = "sha256:" + new string('a', 64) };

        var e = Assert.Throws<SensorException>(() => ImageStartup.From(image, new RunOverrides(), "app:1"));

        Assert.Equal(ErrorReason.BadInput, e.Reason);
        Assert.Contains("--cmd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_entrypoint_drops_the_images_cmd_as_docker_does()
    {
        var image = new EngineImage { Id = "sha256:" + new string('a', 64), Entrypoint = ["/old"], Cmd = ["serve"] };

        var startup = ImageStartup.From(image, new RunOverrides { Entrypoint = ["/new"] }, "app:1");

        Assert.Equal(["/new"], startup.Command);
    }

    [Fact]
    public void The_healthcheck_is_run_as_the_engine_runs_it()
    {
        IReadOnlyList<string>? Of(params string[]? test) =>
            ImageStartup.From(new EngineImage { Id = "sha256:" + new string('a', 64), Cmd = ["serve"], HealthcheckTest = test }, new RunOverrides(), "app:1").Healthcheck;

        Assert.Equal(["supervisorctl", "status"], Of("CMD", "supervisorctl", "status"));
        Assert.Equal(["/bin/sh", "-c", "curl -f http://localhost/ || exit 1"], Of("CMD-SHELL", "curl -f http://localhost/ || exit 1"));
        Assert.Null(Of("NONE"));
        Assert.Null(Of("CMD"));
        Assert.Null(Of(null));
    }
}
