using System.Text;

namespace Slim.Pipeline.Tests.Engine;

/// <summary>Trace reports as the tracer writes them (the JSON contract), for fake sensor containers to leave behind.</summary>
internal static class FakeTrace
{
    /// <summary>A run of <paramref name="command"/> that started one process, read <paramref name="files"/> and made <paramref name="syscalls"/>.</summary>
    public static byte[] Report(string command, IReadOnlyList<string> files, IReadOnlyList<string> syscalls)
    {
        string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
        var fileJson = string.Join(",", files.Select(f => $$"""{"path":{{Quote(f)}},"found":true,"target":null,"kinds":["read"],"accesses":[]}"""));
        var syscallJson = string.Join(",", syscalls.Select((s, i) => $$"""{"name":{{Quote(s)}},"number":{{i}},"count":1}"""));
        var json = $$$"""
            {"version":1,"kind":"run","mode":"seccomp","command":[{{{Quote(command)}}}],
             "user":{"requested":null,"uid":0,"gid":0,"groups":[]},
             "started":"2026-01-01T00:00:00+00:00","written":"2026-01-01T00:00:01+00:00","completion":"exited",
             "exit":{"code":0,"signal":null,"coreDumped":false},
             "fanotify":{"active":false,"mounts":[],"reason":"not in a unit test"},
             "processes":[{"pid":1,"parentPid":0,"exe":{{{Quote(command)}}},"argv":[{{{Quote(command)}}}],"execs":[{{{Quote(command)}}}],"threads":1,"exit":{"code":0,"signal":null,"coreDumped":false}}],
             "files":[{{{fileJson}}}],"symlinks":[],"syscalls":[{{{syscallJson}}}],"errors":[]}
            """;
        return Encoding.UTF8.GetBytes(json);
    }
}
