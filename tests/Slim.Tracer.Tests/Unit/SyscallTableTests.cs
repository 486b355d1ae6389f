using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Tests.Unit;

public sealed class SyscallTableTests
{
    [Theory]
    [InlineData(0, "read")]
    [InlineData(2, "open")]
    [InlineData(59, "execve")]
    [InlineData(217, "getdents64")]
    [InlineData(257, "openat")]
    [InlineData(332, "statx")]
    [InlineData(437, "openat2")]
    public void NameOf_matches_the_kernel_x86_64_numbers(int number, string name)
    {
        Assert.Equal(name, SyscallTable.NameOf(number));
        Assert.Equal(number, SyscallTable.NumberOf(name));
    }

    [Fact]
    public void Unknown_numbers_have_no_name()
    {
        Assert.Null(SyscallTable.NameOf(-1));
        Assert.Null(SyscallTable.NameOf(100_000));
        Assert.Equal(-1, SyscallTable.TryNumberOf("no_such_call"));
    }

    [Fact]
    public void The_generated_table_agrees_with_the_installed_kernel_headers()
    {
        const string header = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h";
        Assert.True(File.Exists(header), $"{header} (linux-libc-dev) is needed to check the generated table");
        var defined = File.ReadLines(header)
            .Where(l => l.StartsWith("#define __NR_", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 3 && int.TryParse(f[2], out _))
            .ToList();
        Assert.True(defined.Count > 300);
        foreach (var f in defined)
        {
            Assert.Equal(f[1]["__NR_".Length..], SyscallTable.NameOf(int.Parse(f[2])));
        }
    }

    [Theory]
    [InlineData(2, "ENOENT")]
    [InlineData(13, "EACCES")]
    [InlineData(20, "ENOTDIR")]
    [InlineData(9999, "E9999")]
    public void ErrnoNames_come_from_the_headers(int errno, string name) =>
        Assert.Equal(name, ErrnoNames.NameOf(errno));

    [Theory]
    [InlineData("openat", 1)]
    [InlineData("execve", 0)]
    [InlineData("newfstatat", 1)]
    [InlineData("readlink", 0)]
    [InlineData("renameat2", 1)]
    public void PathCalls_know_where_the_path_argument_is(string name, int pathIndex)
    {
        var call = PathCalls.For(SyscallTable.NumberOf(name));
        Assert.NotNull(call);
        Assert.Equal(pathIndex, call.Paths[0].PathIndex);
    }

    [Theory]
    [InlineData(0, PathAccessKind.Read)]            // O_RDONLY
    [InlineData(0x1, PathAccessKind.Write)]         // O_WRONLY
    [InlineData(0x241, PathAccessKind.Write)]       // O_WRONLY|O_CREAT|O_TRUNC
    [InlineData(0x90800, PathAccessKind.List)]      // O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY
    [InlineData(0x410002, PathAccessKind.Write)]    // O_RDWR|O_TMPFILE (which holds O_DIRECTORY's bit)
    public void Open_flags_decide_the_access_kind(long flags, PathAccessKind kind) =>
        Assert.Equal(kind, PathCalls.KindOfOpen(flags));

    [Fact]
    public void Calls_without_paths_are_not_path_calls() =>
        Assert.Null(PathCalls.For(SyscallTable.NumberOf("read")));
}
