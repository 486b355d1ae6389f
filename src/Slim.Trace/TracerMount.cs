namespace Slim.Trace;

/// <summary>
/// Where the sensor puts the tracer bundle inside the target container, and where the tracer leaves its reports.
/// Selection never keeps these paths: they are the sensor's, not the image's.
/// </summary>
public static class TracerMount
{
    /// <summary>The bundle's directory: the tracer, its loader and its libraries.</summary>
    public const string Directory = "/.slim";

    /// <summary>The world-writable directory the reports are written to and copied out from.</summary>
    public const string Artifacts = Directory + "/artifacts";

    /// <summary>The report of the container's main command, in <see cref="Artifacts"/>.</summary>
    public const string MainReport = "trace.json";
}
