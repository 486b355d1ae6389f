using System.Diagnostics;
using Slim.Engine;
using Slim.Engine.Containers;
using Slim.Pipeline.Compose;
using Slim.Trace;

namespace Slim.Pipeline.Sensor;

/// <summary>
/// Runs the target image once with the tracer as PID 1 (DESIGN.md steps 2 to 4): create the container,
/// put the tracer bundle in through the archive API, start, exercise, stop, copy the reports out, remove.
/// </summary>
internal sealed class SensorRun(IContainerEngine engine, TracerBundle bundle, Action<string> progress)
{
    public async Task<SensorResult> RunAsync(SensorOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var image = await engine.InspectImageAsync(options.ImageId ?? options.Image, cancellationToken).ConfigureAwait(false);
        var startup = ImageStartup.From(image, options.Overrides, options.Image);
        foreach (var network in options.Networks)
        {
            if (!await engine.NetworkExistsAsync(network, cancellationToken).ConfigureAwait(false))
            {
                throw new SensorException(Slim.Trace.Errors.ErrorReason.BadInput, "--network", $"--network {network}: no such network in the engine (make it first: docker network create {network})");
            }
        }

        // Profiling ends when the probes end; only an app nothing probes is waited for until it exits.
        var probed = (startup.Ports.Count > 0 && options.HttpProbe) || options.Exec.Count > 0 || options.HostExec.Count > 0;
        var continueAfter = options.ContinueAfter ?? (probed ? ContinueAfter.Probe : ContinueAfter.Exit);

        // No explicit report path: the tracer writes beside the bundle, through PID 1's door while the bundle is hidden.
        // A path under /.slim would make the folder again on the root file system, and PID 1 could not put the bundle
        // back (the exec'd tracers' reports would stay hidden and their system calls missing from the profile).
        var arguments = new TracerArguments(TraceKind.Run, startup.Command)
        {
            Grace = options.StopGrace,
            User = startup.User is { } user && user is not ("root" or "0" or "0:0") ? user : null,
        };
        List<string> tracer = [.. TracerBundle.Launcher, .. arguments.ToArgv()];

        var spec = new ContainerSpec
        {
            Image = options.ImageId ?? options.Image,
            Entrypoint = tracer,
            Cmd = [],
            Env = startup.Env,
            User = "0:0", // the tracer needs root; it drops to the image's user before exec'ing the app
            WorkingDir = startup.WorkingDir,
            Ports = startup.Ports,
            // Only what tracing needs: ptrace for the process tree, SYS_ADMIN for fanotify and a seccomp filter without NO_NEW_PRIVS.
            CapAdd = ["SYS_PTRACE", "SYS_ADMIN"],
            SecurityOpt = ["seccomp=unconfined", "apparmor=unconfined"],
            Binds = options.Overrides.Mounts,
            Networks = options.Networks,
        };

        if (!engine.IsLocal && startup.Ports.Count > 0)
        {
            progress($"the engine at {engine.Endpoint} is not on this machine: ports are published on all of its interfaces for the probes");
        }

        // Declared before the session, so disposed after it: the networks are free of the target by then.
        await using var dependencies = options.Compose is { } compose
            ? await ComposeDependencies.StartAsync(engine, compose, options.KeepContainer, progress, cancellationToken).ConfigureAwait(false)
            : null;
        spec = dependencies?.ApplyTo(spec) ?? spec;
        progress($"creating the sensor container from {options.Image}");
        await using var session = await ContainerSession.CreateAsync(engine, spec, "sensor", options.KeepContainer, cancellationToken).ConfigureAwait(false);
        await using (var tar = await bundle.ToTarAsync(cancellationToken).ConfigureAwait(false))
        {
            await session.CopyInAsync("/", tar, cancellationToken).ConfigureAwait(false);
        }

        progress("starting the app under the tracer");
        await session.StartAsync(cancellationToken).ConfigureAwait(false);
        // The tracer kills the app `grace` after SIGTERM and then writes its report: give it that long and more.
        // An exec'd tracer runs as root (only root can follow PID 1's descriptor to the hidden bundle) and drops to the image's user itself.
        var exerciser = new AppExerciser(
            engine.ProbeHost,
            options,
            command => [.. TracerBundle.ExecLauncher, .. new TracerArguments(TraceKind.Exec, command) { User = arguments.User }.ToArgv()],
            progress,
            TimeSpan.FromSeconds(15));
        var outcome = await exerciser.RunAsync(session, continueAfter, "0:0", startup.Healthcheck, cancellationToken).ConfigureAwait(false);

        progress("collecting the trace");
        var artifacts = await session.CopyOutAsync(TracerMount.Artifacts, cancellationToken).ConfigureAwait(false);
        if (artifacts.Count == 0)
        {
            // Killed before PID 1 could put the bundle back: the reports are where it was hidden.
            artifacts = await session.CopyOutAsync(TracerMount.HiddenArtifacts, cancellationToken).ConfigureAwait(false);
        }
        if (!artifacts.TryGetValue(TracerMount.MainReport, out var main))
        {
            var tail = string.Join('\n', (outcome.Stderr.Tail.Length > 0 ? outcome.Stderr.Tail : outcome.Stderr.Head).Split('\n').TakeLast(5));
            throw new SensorException($"the tracer wrote no report for {options.Image} (exit {outcome.ExitCode}): {tail.Trim()}");
        }

        var reports = new List<TraceReport> { Parse(main, TracerMount.MainReport) };
        reports.AddRange(artifacts.Where(a => a.Key != TracerMount.MainReport && a.Key.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => Parse(a.Value, a.Key)));
        return new SensorResult(reports, outcome, continueAfter, startup.Command, clock.Elapsed);
    }

    private static TraceReport Parse(byte[] json, string name)
    {
        try
        {
            using var stream = new MemoryStream(json);
            return TraceReportJson.Read(stream);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            throw new SensorException($"the trace report {name} is not valid JSON: {e.Message}", e);
        }
    }
}
