using System.Text.Json;
using Slim.Trace;

namespace Slim.Tracer.Tests.Unit;

/// <summary>The words each enum of the trace report is written as: the strings reports have always carried.</summary>
public sealed class TraceEnumTests
{
    [Fact]
    public void Access_kinds_are_written_as_the_words_of_the_first_contract()
    {
        Assert.Equal(
            ["chdir", "create", "delete", "exec", "link", "list", "metadata", "open", "read", "readlink", "rename", "socket", "stat", "watch", "write", "xattr"],
            Enum.GetValues<PathAccessKind>().Select(k => Word(JsonSerializer.Serialize(k, TraceReportJsonContext.Default.PathAccessKind))));
    }

    [Fact]
    public void Access_kinds_sort_as_their_words_do()
    {
        // The recorder sorts accesses by kind; the report's order must not change with the switch from strings.
        var words = Enum.GetValues<PathAccessKind>().Select(k => Word(JsonSerializer.Serialize(k, TraceReportJsonContext.Default.PathAccessKind))).ToList();
        Assert.Equal(words.Order(StringComparer.Ordinal), words);
    }

    [Fact]
    public void Kind_mode_and_completion_are_written_as_before()
    {
        Assert.Equal(["run", "exec"], Enum.GetValues<TraceKind>().Select(k => Word(JsonSerializer.Serialize(k, TraceReportJsonContext.Default.TraceKind))));
        Assert.Equal(["seccomp", "syscall"], Enum.GetValues<TraceMode>().Select(m => Word(JsonSerializer.Serialize(m, TraceReportJsonContext.Default.TraceMode))));
        Assert.Equal(
            ["exited", "signaled", "stopped", "snapshot", "failed"],
            Enum.GetValues<TraceCompletion>().Select(c => Word(JsonSerializer.Serialize(c, TraceReportJsonContext.Default.TraceCompletion))));
    }

    private static string Word(string json) => JsonSerializer.Deserialize<string>(json)!;
}
