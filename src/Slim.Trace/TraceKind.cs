using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>Which command a trace report is about (<see cref="TraceReport.Kind"/>); also the tracer's verb.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceKind>))]
public enum TraceKind
{
    /// <summary>The container's main command: the tracer is its PID 1.</summary>
    [JsonStringEnumMemberName("run")]
    Run,

    /// <summary>A command started with docker exec beside the main one.</summary>
    [JsonStringEnumMemberName("exec")]
    Exec,
}
