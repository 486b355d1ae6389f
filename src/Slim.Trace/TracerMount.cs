namespace Slim.Trace;

/// <summary>
/// Where the sensor puts the tracer bundle inside the target container, and where the tracer leaves its reports.
/// Selection never keeps these paths: they are the sensor's, not the image's.
/// </summary>
/// <remarks>
/// The app must not see the bundle (an app that lists / would list it, and the slim image rightly lacks it). So PID 1
/// moves <see cref="Directory"/> under the root file system's own /dev, which the container's /dev mount covers,
/// before the tracing instance and the app start, and keeps it open as <see cref="Door"/>: everything of the sensor
/// (the tracing instance, its stubs, `docker exec`'d tracers, the reports) reaches it through that path, which only
/// root can follow. PID 1 puts it back before it exits; after a kill it stays at <see cref="Hideaway"/>.
/// </remarks>
public static class TracerMount
{
    /// <summary>The bundle's directory: the tracer, its loader and its libraries.</summary>
    public const string Directory = "/.slim";

    /// <summary>The world-writable directory the reports are written to and copied out from.</summary>
    public const string Artifacts = Directory + "/artifacts";

    /// <summary>The report of the container's main command, in <see cref="Artifacts"/>.</summary>
    public const string MainReport = "trace.json";

    /// <summary>The descriptor PID 1 keeps open on the bundle while it is hidden.</summary>
    public const int DoorDescriptor = 200;

    /// <summary>The bundle as the sensor reaches it while the app runs (PID 1's open descriptor; root only).</summary>
    public const string Door = "/proc/1/fd/200";

    /// <summary>Where the bundle is while hidden, in the root file system under the container's /dev mount.</summary>
    public const string Hideaway = "/dev/.slim";

    /// <summary>The artifacts of a sensor container that was killed before PID 1 could put the bundle back.</summary>
    public const string HiddenArtifacts = Hideaway + "/artifacts";
}
