using Slim.Tracer.Reporting;

namespace Slim.Tracer.Tests.Unit;

public sealed class SymlinkResolverTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("slim-symlinks-").FullName;

    public SymlinkResolverTests()
    {
        // A Debian-like merged /usr: /lib -> usr/lib, /bin -> usr/bin, /usr/bin/sh -> dash, /etc/os-release -> ../usr/lib/os-release
        Directory.CreateDirectory(Path.Combine(_root, "usr/lib/x86_64-linux-gnu"));
        Directory.CreateDirectory(Path.Combine(_root, "usr/bin"));
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "usr/bin/dash"), "");
        File.WriteAllText(Path.Combine(_root, "usr/lib/os-release"), "");
        File.WriteAllText(Path.Combine(_root, "usr/lib/x86_64-linux-gnu/libc.so.6"), "");
        File.CreateSymbolicLink(Path.Combine(_root, "lib"), "usr/lib");
        File.CreateSymbolicLink(Path.Combine(_root, "bin"), "usr/bin");
        File.CreateSymbolicLink(Path.Combine(_root, "usr/bin/sh"), "dash");
        File.CreateSymbolicLink(Path.Combine(_root, "etc/os-release"), "../usr/lib/os-release");
        File.CreateSymbolicLink(Path.Combine(_root, "etc/absolute"), "/usr/bin/sh");
        File.CreateSymbolicLink(Path.Combine(_root, "etc/loop"), "loop");
    }

    [Fact]
    public void A_chain_of_links_is_followed_and_each_link_recorded()
    {
        var seen = new List<(string, string)>();
        Assert.Equal("/usr/bin/dash", new SymlinkResolver(_root).Resolve("/bin/sh", seen));
        Assert.Equal([("/bin", "usr/bin"), ("/usr/bin/sh", "dash")], seen);
    }

    [Fact]
    public void Relative_and_absolute_targets_stay_inside_the_root()
    {
        var seen = new List<(string, string)>();
        var resolver = new SymlinkResolver(_root);
        Assert.Equal("/usr/lib/os-release", resolver.Resolve("/etc/os-release", seen));
        Assert.Equal("/usr/bin/dash", resolver.Resolve("/etc/absolute", seen));
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libc.so.6", resolver.Resolve("/lib/x86_64-linux-gnu/libc.so.6", seen));
        Assert.Contains(("/lib", "usr/lib"), seen);
    }

    [Fact]
    public void A_missing_file_resolves_to_null_but_keeps_the_links_on_the_way()
    {
        var seen = new List<(string, string)>();
        Assert.Null(new SymlinkResolver(_root).Resolve("/lib/missing.so", seen));
        Assert.Equal([("/lib", "usr/lib")], seen);
    }

    [Fact]
    public void A_link_loop_ends() =>
        Assert.Null(new SymlinkResolver(_root).Resolve("/etc/loop", new List<(string, string)>()));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
