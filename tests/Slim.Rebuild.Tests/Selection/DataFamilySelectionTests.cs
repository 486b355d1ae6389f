using Slim.Images.Layers;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Trace;
using static Slim.Rebuild.Tests.Selection.TreeEntries;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>
/// Data families on a small merged-/usr image (/lib -> usr/lib) with a tzdata-like zoneinfo (posix/ links, right/),
/// compiled locales and their sources, one gconv directory, and terminfo in its three places.
/// </summary>
public sealed class DataFamilySelectionTests
{
    private const string Gconv = "/usr/lib/x86_64-linux-gnu/gconv";

    [Fact]
    public async Task A_traced_zone_keeps_every_zone_but_the_untraced_right_tree()
    {
        var paths = await SelectAsync(new SelectionRules(), Read("/usr/share/zoneinfo/UTC"));

        Assert.Equal(SelectionReason.Traced, paths["/usr/share/zoneinfo/UTC"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/zoneinfo/Asia/Tokyo"]);
        Assert.Equal(SelectionReason.Symlink, paths["/usr/share/zoneinfo/posix/Asia"]); // a link, kept as links are
        Assert.DoesNotContain(paths.Keys, p => p.StartsWith("/usr/share/zoneinfo/right", StringComparison.Ordinal));
        Assert.DoesNotContain(paths.Keys, p => p.StartsWith("/usr/lib/locale", StringComparison.Ordinal) || p.Contains("terminfo", StringComparison.Ordinal) || p.StartsWith(Gconv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_local_zone_every_program_reads_is_kept_but_is_no_use_of_the_family()
    {
        var paths = await SelectAsync(new SelectionRules(), Read("/etc/localtime"), Read("/usr/share/zoneinfo/Etc/UTC"));

        Assert.Contains("/usr/share/zoneinfo/Etc/UTC", paths.Keys);
        Assert.DoesNotContain("/usr/share/zoneinfo/Asia/Tokyo", paths.Keys);

        var chosen = await SelectAsync(new SelectionRules(), Read("/etc/localtime"), Read("/usr/share/zoneinfo/UTC"));
        Assert.Equal(SelectionReason.DataFamily, chosen["/usr/share/zoneinfo/Asia/Tokyo"]);
    }

    [Fact]
    public async Task A_zone_looked_for_in_vain_or_a_listing_of_zoneinfo_is_a_use_too()
    {
        var missing = await SelectAsync(new SelectionRules(), Missing("/usr/share/zoneinfo/Mars/Olympus"));
        var listed = await SelectAsync(new SelectionRules(), Listed("/usr/share/zoneinfo/posix"));

        Assert.Contains("/usr/share/zoneinfo/Asia/Tokyo", missing.Keys);
        Assert.Contains("/usr/share/zoneinfo/Asia/Tokyo", listed.Keys);
    }

    [Fact]
    public async Task A_traced_right_zone_keeps_the_right_tree_too()
    {
        var paths = await SelectAsync(new SelectionRules(), Read("/usr/share/zoneinfo/right/UTC"));

        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/zoneinfo/right/Asia/Tokyo"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/zoneinfo/Asia/Tokyo"]);
    }

    [Fact]
    public async Task Traced_only_keeps_just_the_zones_seen()
    {
        var rules = new SelectionRules { DataFamilies = new Dictionary<DataFamily, DataFamilyPolicy> { [DataFamily.Zoneinfo] = DataFamilyPolicy.TracedOnly } };

        var paths = await SelectAsync(rules, Read("/usr/share/zoneinfo/UTC"));

        Assert.Contains("/usr/share/zoneinfo/UTC", paths.Keys);
        Assert.DoesNotContain("/usr/share/zoneinfo/Asia/Tokyo", paths.Keys);
        Assert.DoesNotContain("/usr/share/zoneinfo/Asia", paths.Keys);
    }

    [Fact]
    public async Task Always_keeps_zoneinfo_with_no_trace_at_all()
    {
        var rules = new SelectionRules { DataFamilies = new Dictionary<DataFamily, DataFamilyPolicy> { [DataFamily.Zoneinfo] = DataFamilyPolicy.Always } };

        var paths = await SelectAsync(rules);

        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/zoneinfo/Asia/Tokyo"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/zoneinfo/UTC"]);
        Assert.DoesNotContain("/usr/share/zoneinfo/right", paths.Keys);
        Assert.DoesNotContain("/usr/lib/locale", paths.Keys);
    }

    [Fact]
    public async Task A_used_gconv_module_keeps_the_directory_of_its_gconv_modules_file()
    {
        var used = await SelectAsync(new SelectionRules(), Read(Gconv + "/gconv-modules.cache"), Read(Gconv + "/UTF-16.so"));
        var tracedOnly = await SelectAsync(
            new SelectionRules { DataFamilies = new Dictionary<DataFamily, DataFamilyPolicy> { [DataFamily.Gconv] = DataFamilyPolicy.TracedOnly } },
            Read(Gconv + "/gconv-modules.cache"), Read(Gconv + "/UTF-16.so"));
        var untraced = await SelectAsync(new SelectionRules());

        Assert.Equal(SelectionReason.DataFamily, used[Gconv + "/IBM850.so"]);
        Assert.Equal(SelectionReason.DataFamily, used[Gconv + "/gconv-modules.d/extra.conf"]);
        Assert.DoesNotContain(Gconv + "/IBM850.so", tracedOnly.Keys);
        Assert.DoesNotContain(Gconv + "/IBM850.so", untraced.Keys);
    }

    [Fact]
    public async Task Reading_only_the_gconv_cache_is_no_use_of_the_modules()
    {
        // glibc reads the cache whenever a program sets a locale; UTF-8 itself needs no module.
        var paths = await SelectAsync(new SelectionRules(), Read(Gconv + "/gconv-modules.cache"), Read(Gconv + "/gconv-modules.d/extra.conf"));

        Assert.Equal(SelectionReason.Traced, paths[Gconv + "/gconv-modules.cache"]);
        Assert.DoesNotContain(Gconv + "/IBM850.so", paths.Keys);
    }

    [Fact]
    public async Task A_terminal_looked_up_through_lib_keeps_all_three_terminfo_places()
    {
        // ncurses tries each place for $TERM; here it found none through the /lib -> usr/lib link.
        var paths = await SelectAsync(new SelectionRules(), Missing("/lib/terminfo/x/xterm-kitty"));
        var untraced = await SelectAsync(new SelectionRules());

        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/terminfo/x/xterm"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/usr/lib/terminfo/l/linux"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/etc/terminfo/README"]);
        Assert.DoesNotContain("/usr/share/terminfo/x/xterm", untraced.Keys);
    }

    [Fact]
    public async Task The_default_C_UTF_8_locale_and_the_archive_probe_are_no_use_of_the_locales()
    {
        // What glibc reads for LANG=C.UTF-8 in any program: the archive (here missing), then the C.utf8 directory.
        var paths = await SelectAsync(new SelectionRules(), Missing("/usr/lib/locale/locale-archive"), Missing("/usr/lib/locale/C.UTF-8/LC_CTYPE"), Read("/usr/lib/locale/C.utf8/LC_CTYPE"));

        Assert.Contains("/usr/lib/locale/C.utf8/LC_CTYPE", paths.Keys);
        Assert.DoesNotContain("/usr/lib/locale/de_DE.utf8/LC_CTYPE", paths.Keys);
    }

    [Fact]
    public async Task A_used_locale_keeps_the_compiled_locales_but_not_their_sources_unless_read()
    {
        var compiled = await SelectAsync(new SelectionRules(), Missing("/usr/lib/locale/ja_JP.UTF-8/LC_CTYPE"));
        var sources = await SelectAsync(new SelectionRules(), Read("/usr/share/i18n/locales/en_US"));
        var forced = await SelectAsync(new SelectionRules { DataFamilies = new Dictionary<DataFamily, DataFamilyPolicy> { [DataFamily.Locales] = DataFamilyPolicy.Always } });

        Assert.Equal(SelectionReason.DataFamily, compiled["/usr/lib/locale/locale-archive"]);
        Assert.Equal(SelectionReason.DataFamily, compiled["/usr/lib/locale/de_DE.utf8/LC_CTYPE"]);
        Assert.DoesNotContain("/usr/share/i18n/locales/de_DE", compiled.Keys);
        Assert.Equal(SelectionReason.DataFamily, sources["/usr/share/i18n/locales/de_DE"]);
        Assert.Equal(SelectionReason.DataFamily, sources["/usr/lib/locale/locale-archive"]);
        Assert.Contains("/usr/lib/locale/C.utf8/LC_CTYPE", forced.Keys);
        Assert.DoesNotContain("/usr/share/i18n/locales/de_DE", forced.Keys);
    }

    [Fact]
    public async Task A_kept_library_that_imports_iconv_open_keeps_the_gconv_modules_though_none_was_loaded()
    {
        // PHP's iconv extension converted only to ASCII (built in) while profiled; the next request names Shift_JIS.
        var converter = new ElfInfo(ElfKind.SharedObject, null, [], [], []) { Imports = [ElfReader.IconvOpen] };
        var plain = new ElfInfo(ElfKind.SharedObject, null, [], [], []);
        var program = new ElfInfo(ElfKind.SharedObject, "/lib64/ld-linux-x86-64.so.2", [], [], []) { Imports = [ElfReader.IconvOpen] };
        var cache = Read(Gconv + "/gconv-modules.cache");

        var converts = await SelectExaminedAsync(new SelectionRules(), new() { ["/usr/lib/php/iconv.so"] = converter }, Read("/usr/lib/php/iconv.so"), cache);
        var cxx = await SelectExaminedAsync(new SelectionRules(), new() { ["/usr/lib/libstdc++.so.6.0.30"] = converter }, Read("/usr/lib/libstdc++.so.6.0.30"), cache);
        var executable = await SelectExaminedAsync(new SelectionRules(), new() { ["/usr/lib/php/iconv.so"] = program }, Read("/usr/lib/php/iconv.so"), cache);
        var none = await SelectExaminedAsync(new SelectionRules(), new() { ["/usr/lib/php/iconv.so"] = plain }, Read("/usr/lib/php/iconv.so"), cache);
        var tracedOnly = await SelectExaminedAsync(
            new SelectionRules { DataFamilies = new Dictionary<DataFamily, DataFamilyPolicy> { [DataFamily.Gconv] = DataFamilyPolicy.TracedOnly } },
            new() { ["/usr/lib/php/iconv.so"] = converter },
            Read("/usr/lib/php/iconv.so"),
            cache);

        Assert.Equal(SelectionReason.DataFamily, converts[Gconv + "/IBM850.so"]);
        Assert.Equal(SelectionReason.DataFamily, converts[Gconv + "/gconv-modules"]);
        Assert.DoesNotContain(Gconv + "/IBM850.so", cxx.Keys); // std::codecvt: UTF-8 and the locale's own set only
        Assert.DoesNotContain(Gconv + "/IBM850.so", executable.Keys); // an executable: \u escapes into the locale's set
        Assert.DoesNotContain(Gconv + "/IBM850.so", none.Keys);
        Assert.DoesNotContain(Gconv + "/IBM850.so", tracedOnly.Keys);
        Assert.Contains(Gconv + "/gconv-modules.cache", tracedOnly.Keys);
    }

    private static async Task<IReadOnlyDictionary<string, SelectionReason>> SelectExaminedAsync(
        SelectionRules rules, Dictionary<string, ElfInfo?> elf, params TracedFile[] files)
    {
        var tree = await TreeAsync();
        var selection = await FileSelector.SelectAsync(tree, rules with { IncludeCertificates = false }, [Trace(files)], null, new LibraryResolver(tree, LdSoCache.Empty, []), (pending, _) =>
        {
            var paths = pending.Select(f => f.ImagePath.Absolute).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(new FileExamination(elf.Where(e => paths.Contains(e.Key)).ToDictionary(), new Dictionary<string, ShebangLine>()));
        }, CancellationToken.None);
        return selection.Paths;
    }

    private static TraceReport Trace(TracedFile[] files) => new(
        TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser("root", 0, 0, []),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
        [], files, [], [], []);

    private static async Task<IReadOnlyDictionary<string, SelectionReason>> SelectAsync(SelectionRules rules, params TracedFile[] files)
    {
        return FileSelector.Select(await TreeAsync(), rules with { IncludeCertificates = false }, [Trace(files)]).Paths;
    }

    private static TracedFile Read(string path) => new(path, true, null, [PathAccessKind.Read], []);

    private static TracedFile Missing(string path) => new(path, false, null, [PathAccessKind.Read], []);

    private static TracedFile Listed(string path) => new(path, true, path, [PathAccessKind.List], []);

    private static async Task<ImageTree> TreeAsync()
    {
        return await TreeOfAsync(
            Dir("etc"), Dir("etc/terminfo"), File("etc/terminfo/README"), Link("etc/localtime", "../usr/share/zoneinfo/Etc/UTC"),
            Dir("usr"), Dir("usr/lib"), Link("lib", "usr/lib"), Dir("usr/share"),
            Dir("usr/share/zoneinfo"), File("usr/share/zoneinfo/UTC"), Dir("usr/share/zoneinfo/Etc"), File("usr/share/zoneinfo/Etc/UTC"),
            Dir("usr/share/zoneinfo/Asia"), File("usr/share/zoneinfo/Asia/Tokyo"),
            Dir("usr/share/zoneinfo/posix"), Link("usr/share/zoneinfo/posix/Asia", "../Asia"),
            Dir("usr/share/zoneinfo/right"), File("usr/share/zoneinfo/right/UTC"), Dir("usr/share/zoneinfo/right/Asia"), File("usr/share/zoneinfo/right/Asia/Tokyo"),
            Dir("usr/lib/locale"), File("usr/lib/locale/locale-archive"), Dir("usr/lib/locale/C.utf8"), File("usr/lib/locale/C.utf8/LC_CTYPE"),
            Dir("usr/lib/locale/de_DE.utf8"), File("usr/lib/locale/de_DE.utf8/LC_CTYPE"),
            Dir("usr/share/i18n"), Dir("usr/share/i18n/locales"), File("usr/share/i18n/locales/en_US"), File("usr/share/i18n/locales/de_DE"),
            Dir("usr/lib/x86_64-linux-gnu"), Dir("usr/lib/x86_64-linux-gnu/gconv"), File("usr/lib/x86_64-linux-gnu/gconv/gconv-modules"),
            File("usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache"), File("usr/lib/x86_64-linux-gnu/gconv/IBM850.so"),
            File("usr/lib/x86_64-linux-gnu/gconv/UTF-16.so"),
            Dir("usr/lib/x86_64-linux-gnu/gconv/gconv-modules.d"), File("usr/lib/x86_64-linux-gnu/gconv/gconv-modules.d/extra.conf"),
            Dir("usr/share/terminfo"), Dir("usr/share/terminfo/x"), File("usr/share/terminfo/x/xterm"),
            Dir("usr/lib/php"), File("usr/lib/php/iconv.so"), File("usr/lib/libstdc++.so.6.0.30"),
            Dir("usr/lib/terminfo"), Dir("usr/lib/terminfo/l"), File("usr/lib/terminfo/l/linux"));
    }
}
