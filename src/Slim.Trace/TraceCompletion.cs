using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>Why a trace report was written (<see cref="TraceReport.Completion"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceCompletion>))]
public enum TraceCompletion
{
    /// <summary>The command exited.</summary>
    [JsonStringEnumMemberName("exited")]
    Exited,

    /// <summary>A signal killed the command.</summary>
    [JsonStringEnumMemberName("signaled")]
    Signaled,

    /// <summary>The tracer got SIGTERM or SIGINT and ended the command.</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,

    /// <summary>A periodic copy written while the command still ran.</summary>
    [JsonStringEnumMemberName("snapshot")]
    Snapshot,

    /// <summary>The command could not be started.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
