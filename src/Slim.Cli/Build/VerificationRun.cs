using Docker.DotNet.Models;
using Slim.Cli.Containers;
using Slim.Cli.Engine;
using Slim.Cli.Sensor;

namespace Slim.Cli.Build;

/// <summary>
/// DESIGN.md step 8: starts the slim image with the generated seccomp profile, as the profiling run
/// started the original (same overrides, ports on 127.0.0.1), exercises it the same way, and compares.
/// </summary>
internal sealed class VerificationRun(EngineClient engine, Action<string> progress)
{
    public async Task<VerificationResult> RunAsync(
        string slimImage, SensorOptions sensor, SensorResult original, string? seccompJson, CancellationToken cancellationToken)
    {
        var image = await engine.InspectImageAsync(slimImage, cancellationToken).ConfigureAwait(false);
        var startup = ImageStartup.From(image, sensor.Overrides, slimImage);
        var security = seccompJson is null ? new List<string>() : ["seccomp=" + seccompJson];
        var parameters = new CreateContainerParameters
        {
            Image = slimImage,
            Entrypoint = sensor.Overrides.Entrypoint?.ToList()!, // null: the image's own
            Cmd = sensor.Overrides.Cmd?.ToList()!,
            Env = startup.Env.ToList(),
            User = sensor.Overrides.User ?? "",
            WorkingDir = sensor.Overrides.WorkingDir ?? "",
            ExposedPorts = startup.ExposedPorts(),
            HostConfig = new HostConfig
            {
                PortBindings = startup.PortBindings(),
                SecurityOpt = security,
                Binds = sensor.Overrides.Mounts.ToList(),
            },
        };

        progress($"starting {slimImage}{(seccompJson is null ? "" : " with the generated seccomp profile")}");
        await using var session = await ContainerSession.CreateAsync(engine, parameters, "verify", keep: false, cancellationToken).ConfigureAwait(false);
        await session.StartAsync(cancellationToken).ConfigureAwait(false);
        // Its answers are in by the time it is stopped, and nothing is traced: a short grace is enough
        // (an app whose PID 1 ignores SIGTERM, like a shell-form CMD, would otherwise cost the full grace again).
        var quickStop = sensor with { StopGrace = TimeSpan.FromSeconds(Math.Min(2, sensor.StopGrace.TotalSeconds)) };
        var exerciser = new AppExerciser(engine, quickStop, snippet => ["/bin/sh", "-c", snippet], progress, TimeSpan.Zero);
        // The user ended profiling by hand (signal, Enter): verification needs no second word, the probes are the test.
        var continueAfter = original.ContinueAfter.Kind is ContinueAfterKind.Signal or ContinueAfterKind.Enter ? ContinueAfter.Probe : original.ContinueAfter;
        var outcome = await exerciser.RunAsync(session, continueAfter, startup.User, cancellationToken).ConfigureAwait(false);
        var (failures, warnings) = OutcomeComparison.Compare(original.Outcome, outcome, original.ContinueAfter.Kind);
        return new VerificationResult(failures.Count == 0, failures, warnings, outcome.Http, outcome.Exec, outcome.ExitCode, seccompJson is not null);
    }
}
