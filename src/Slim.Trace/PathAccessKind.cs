using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>
/// How a process touched a path (<see cref="PathAccess.Kind"/>). Written as the lowercase word of each member; the
/// members are declared in the ordinal order of those words, so sorting by the enum sorts the report as the words did.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PathAccessKind>))]
public enum PathAccessKind
{
    [JsonStringEnumMemberName("chdir")]
    Chdir,

    [JsonStringEnumMemberName("create")]
    Create,

    [JsonStringEnumMemberName("delete")]
    Delete,

    [JsonStringEnumMemberName("exec")]
    Exec,

    [JsonStringEnumMemberName("link")]
    Link,

    [JsonStringEnumMemberName("list")]
    List,

    [JsonStringEnumMemberName("metadata")]
    Metadata,

    /// <summary>Seen through fanotify: the file was opened or read (maybe mmap'd or exec'd by the loader).</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("read")]
    Read,

    [JsonStringEnumMemberName("readlink")]
    Readlink,

    [JsonStringEnumMemberName("rename")]
    Rename,

    [JsonStringEnumMemberName("socket")]
    Socket,

    [JsonStringEnumMemberName("stat")]
    Stat,

    [JsonStringEnumMemberName("watch")]
    Watch,

    [JsonStringEnumMemberName("write")]
    Write,

    [JsonStringEnumMemberName("xattr")]
    Xattr,
}
