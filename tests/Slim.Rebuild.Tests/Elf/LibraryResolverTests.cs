using Slim.Rebuild.Elf;

namespace Slim.Rebuild.Tests.Elf;

public sealed class LibraryResolverTests
{
    private static readonly LdSoCache HostCache = LdSoCache.Parse(File.ReadAllBytes("/etc/ld.so.cache"));

    [Fact]
    public void The_host_cache_maps_libc_to_the_multiarch_directory()
    {
        Assert.True(HostCache.Count > 10);
        Assert.Equal("/lib/x86_64-linux-gnu/libc.so.6", HostCache.Lookup("libc.so.6"));
    }

    [Fact]
    public void Every_needed_library_of_ls_resolves_to_a_file()
    {
        using var file = File.OpenRead("/bin/ls");
        var info = ElfReader.TryRead(file)!;
        var resolver = new LibraryResolver(new HostFiles(), HostCache, []);

        foreach (var needed in info.Needed)
        {
            var path = resolver.Resolve(needed, "/usr/bin/ls", info);
            Assert.NotNull(path);
            Assert.True(File.Exists(path), path);
        }
    }

    [Fact]
    public void Runpath_with_origin_is_searched_before_the_cache()
    {
        var files = new FakeFiles("/opt/app/lib/libfoo.so.1", "/usr/lib/x86_64-linux-gnu/libfoo.so.1");
        var info = new ElfInfo(ElfKind.Executable, null, ["libfoo.so.1"], [], ["$ORIGIN/../lib"]);

        var path = new LibraryResolver(files, LdSoCache.Empty, []).Resolve("libfoo.so.1", "/opt/app/bin/app", info);

        Assert.Equal("/opt/app/lib/libfoo.so.1", path);
    }

    [Fact]
    public void Rpath_is_ignored_when_runpath_is_present()
    {
        var files = new FakeFiles("/rpath/libfoo.so.1", "/runpath/libfoo.so.1");
        var info = new ElfInfo(ElfKind.Executable, null, ["libfoo.so.1"], ["/rpath"], ["/runpath"]);

        var path = new LibraryResolver(files, LdSoCache.Empty, []).Resolve("libfoo.so.1", "/bin/app", info);

        Assert.Equal("/runpath/libfoo.so.1", path);
    }

    [Fact]
    public void Library_path_comes_before_runpath_and_default_directories_come_last()
    {
        var files = new FakeFiles("/env/libfoo.so.1", "/runpath/libfoo.so.1", "/usr/lib/libbar.so");
        var info = new ElfInfo(ElfKind.Executable, null, ["libfoo.so.1", "libbar.so"], [], ["/runpath"]);
        var resolver = new LibraryResolver(files, LdSoCache.Empty, ["/env"]);

        Assert.Equal("/env/libfoo.so.1", resolver.Resolve("libfoo.so.1", "/bin/app", info));
        Assert.Equal("/usr/lib/libbar.so", resolver.Resolve("libbar.so", "/bin/app", info));
        Assert.Null(resolver.Resolve("libmissing.so", "/bin/app", info));
    }

    [Fact]
    public void A_foreign_or_broken_cache_is_empty()
    {
        Assert.Equal(0, LdSoCache.Parse("not a cache at all"u8).Count);
        var real = File.ReadAllBytes("/etc/ld.so.cache");
        Assert.Equal(0, LdSoCache.Parse(real.AsSpan(0, 40)).Count);
    }

    private sealed class FakeFiles(params string[] paths) : IImageFiles
    {
        public string? Resolve(string absolutePath) => paths.Contains(absolutePath) ? absolutePath : null;
    }
}
