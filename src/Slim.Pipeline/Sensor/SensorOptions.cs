using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Sensor;

/// <summary>Everything the sensor run needs: what to start, how to exercise it, and when to stop.</summary>
public sealed record SensorOptions
{
    /// <summary>The image as the user named it (for messages).</summary>
    public required string Image { get; init; }

    /// <summary>The image ID it resolved to; when set, the container is made from exactly this image.</summary>
    public string? ImageId { get; init; }

    public RunOverrides Overrides { get; init; } = new();

    /// <summary>Null: `probe` when the image exposes ports, else `exit`.</summary>
    public ContinueAfter? ContinueAfter { get; init; }

    public bool HttpProbe { get; init; } = true;

    public HttpProbeOptions HttpProbeOptions { get; init; } = new();

    /// <summary>Only these container ports are probed; empty means every exposed TCP port.</summary>
    public IReadOnlyList<int> HttpProbePorts { get; init; } = [];

    /// <summary>Shell snippets run inside the container (`sh -c`) after the probes, each traced.</summary>
    public IReadOnlyList<string> Exec { get; init; } = [];

    /// <summary>Shell commands run on the host (`/bin/sh -c`, `--host-exec`) once the ports answer, in order, after the exec snippets.</summary>
    public IReadOnlyList<string> HostExec { get; init; } = [];

    /// <summary>How long one host command may run before it is killed.</summary>
    public TimeSpan HostExecTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Fail the build when no port answered the HTTP probe (`--http-probe-exit-on-failure`, default true).</summary>
    public bool HttpProbeExitOnFailure { get; init; } = true;

    /// <summary>User-defined networks the app's containers join (`--network`), the first as their network mode.</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>`--compose-file`: the target's service and its dependencies, started fresh beside every run of the app; null: none.</summary>
    public Compose.ComposeTarget? Compose { get; init; }

    public bool KeepContainer { get; init; }

    /// <summary>How long the app has to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>With `exit`: how long the app may run before slim gives up on it.</summary>
    public TimeSpan ExitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The SIGUSR1 latch `--continue-after signal` waits on, registered by the command.</summary>
    public ProfilingSignal? ProfilingSignal { get; init; }
}
