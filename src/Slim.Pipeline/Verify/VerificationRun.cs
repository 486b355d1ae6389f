using Slim.Engine;
using Slim.Engine.Containers;
using Slim.Pipeline.Compose;
using Slim.Pipeline.Sensor;
using Slim.Rebuild.Hardening;

namespace Slim.Pipeline.Verify;

/// <summary>
/// DESIGN.md step 8: starts the slim image with the generated seccomp profile, as the profiling run
/// started the original (same overrides, ports on 127.0.0.1), exercises it the same way, and compares.
/// </summary>
internal sealed class VerificationRun(IContainerEngine engine, Action<string> progress)
{
    /// <summary>The hardened settings the slim image runs under besides the profile (step 9); null: none.</summary>
    public HardenedRun? Hardening { get; init; }

    public async Task<VerificationResult> RunAsync(
        string slimImage, SensorOptions sensor, SensorResult original, string? seccompJson, CancellationToken cancellationToken)
    {
        // The user ended profiling by hand (signal, Enter): verification needs no second word, the probes are the test.
        var continueAfter = original.ContinueAfter.Kind is ContinueAfterKind.Signal or ContinueAfterKind.Enter ? ContinueAfter.Probe : original.ContinueAfter;
        progress($"starting {slimImage}{(seccompJson is null ? "" : " with the generated seccomp profile")}");
        var outcome = await ExerciseAsync(slimImage, sensor, continueAfter, seccompJson, Hardening, cancellationToken).ConfigureAwait(false);

        // An app that prints times or ids never answers the same twice: a second, untraced run of the original shows
        // which lines are noise, so only a real change fails. Made only when something differs where noise could.
        ProbeOutcome? originalAgain = null;
        if (OutcomeComparison.NeedsSecondLook(original.Outcome, outcome, continueAfter.Kind))
        {
            var originalImage = sensor.ImageId ?? sensor.Image;
            progress($"answers differ; running {sensor.Image} once more, untraced, to tell run-to-run noise from a change");
            originalAgain = await ExerciseAsync(originalImage, sensor, continueAfter, null, null, cancellationToken).ConfigureAwait(false);
        }

        var (failures, warnings) = OutcomeComparison.Compare(original.Outcome, outcome, original.ContinueAfter.Kind, originalAgain);
        return new VerificationResult(failures.Count == 0, failures, warnings, outcome.Http, outcome.Exec, outcome.ExitCode, seccompJson is not null) { HostExec = outcome.HostExec };
    }

    private async Task<ProbeOutcome> ExerciseAsync(
        string image, SensorOptions sensor, ContinueAfter continueAfter, string? seccompJson, HardenedRun? hardening, CancellationToken cancellationToken)
    {
        var inspect = await engine.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
        var startup = ImageStartup.From(inspect, sensor.Overrides, image);
        var security = seccompJson is null ? new List<string>() : ["seccomp=" + seccompJson];
        var spec = new ContainerSpec
        {
            Image = image,
            Entrypoint = sensor.Overrides.Entrypoint, // null: the image's own
            Cmd = sensor.Overrides.Cmd,
            Env = startup.Env,
            User = sensor.Overrides.User,
            WorkingDir = sensor.Overrides.WorkingDir,
            Ports = startup.Ports,
            SecurityOpt = security,
            Binds = sensor.Overrides.Mounts,
            Networks = sensor.Networks,
        };
        if (hardening is not null)
        {
            spec = spec with
            {
                ReadOnlyRootfs = hardening.ReadOnlyRootfs,
                Tmpfs = hardening.ReadOnlyRootfs ? hardening.Tmpfs : [],
                Volumes = hardening.ReadOnlyRootfs ? hardening.Volumes : [],
                CapDrop = hardening.DropAllCapabilities ? ["ALL"] : [],
                CapAdd = hardening.DropAllCapabilities ? hardening.AddCapabilities : [],
                SecurityOpt = hardening.NoNewPrivileges ? [.. security, "no-new-privileges"] : security,
                User = hardening.User ?? spec.User,
            };
        }

        // Fresh for each run, so the slim image meets its dependencies as the original did (a seeded database, not one the
        // profiling run wrote to). Declared before the session, so disposed after it.
        await using var dependencies = sensor.Compose is { } compose
            ? await ComposeDependencies.StartAsync(engine, compose, keep: false, progress, cancellationToken).ConfigureAwait(false)
            : null;
        spec = dependencies?.ApplyTo(spec) ?? spec;
        await using var session = await ContainerSession.CreateAsync(engine, spec, "verify", keep: false, cancellationToken).ConfigureAwait(false);
        await session.StartAsync(cancellationToken).ConfigureAwait(false);
        // Its answers are in by the time it is stopped, and nothing is traced. Only an app that ends by itself has an exit
        // to compare (a short grace if it overran); any other is killed at once, as a graceful stop would prove nothing
        // more and can cost seconds (the Java sample's server waits a second for open exchanges).
        var grace = continueAfter.Kind == ContinueAfterKind.Exit ? TimeSpan.FromSeconds(Math.Min(2, sensor.StopGrace.TotalSeconds)) : TimeSpan.Zero;
        var exerciser = new AppExerciser(engine.ProbeHost, sensor with { StopGrace = grace }, command => command, progress, TimeSpan.Zero);
        return await exerciser.RunAsync(session, continueAfter, startup.User, startup.Healthcheck, cancellationToken).ConfigureAwait(false);
    }
}
