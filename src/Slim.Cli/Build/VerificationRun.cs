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
        // The user ended profiling by hand (signal, Enter): verification needs no second word, the probes are the test.
        var continueAfter = original.ContinueAfter.Kind is ContinueAfterKind.Signal or ContinueAfterKind.Enter ? ContinueAfter.Probe : original.ContinueAfter;
        // Its answers are in by the time it is stopped, and nothing is traced. Only an app that ends by itself has an exit
        // to compare (a short grace if it overran); any other is killed at once, as a graceful stop would prove nothing
        // more and can cost seconds (the Java sample's server waits a second for open exchanges).
        var grace = continueAfter.Kind == ContinueAfterKind.Exit ? TimeSpan.FromSeconds(Math.Min(2, sensor.StopGrace.TotalSeconds)) : TimeSpan.Zero;
        var exerciser = new AppExerciser(engine, sensor with { StopGrace = grace }, snippet => ["/bin/sh", "-c", snippet], progress, TimeSpan.Zero);
        var outcome = await exerciser.RunAsync(session, continueAfter, startup.User, cancellationToken).ConfigureAwait(false);
        var (failures, warnings) = OutcomeComparison.Compare(original.Outcome, outcome, original.ContinueAfter.Kind);
        return new VerificationResult(failures.Count == 0, failures, warnings, outcome.Http, outcome.Exec, outcome.ExitCode, seccompJson is not null);
    }
}
