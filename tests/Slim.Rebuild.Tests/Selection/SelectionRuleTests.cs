using System.Text.Json;
using Slim.Images.Model;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Trace;
using static Slim.Rebuild.Tests.Selection.TreeEntries;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>
/// One test per selection rule (<see cref="SelectionReason"/>, <see cref="SelectionRules"/>): a tiny image where the rule
/// keeps a file, and the same image or trace without the trigger, where it does not.
/// </summary>
public sealed class SelectionRuleTests
{
    private static readonly SelectionRules NoDefaults = new() { IncludeCertificates = false };

    [Fact]
    public async Task Traced_keeps_a_traced_file_and_nothing_untraced()
    {
        var tree = await TreeOfAsync(Dir("app"), File("app/a"), File("app/b"));

        var kept = Select(tree, NoDefaults, Trace(files: ["/app/a"]));

        Assert.Equal(SelectionReason.Traced, kept["/app/a"]);
        Assert.DoesNotContain("/app/b", kept.Keys);
        Assert.Empty(Select(tree, NoDefaults, Trace()));
    }

    [Fact]
    public async Task Traced_keeps_what_a_process_ran()
    {
        var tree = await TreeOfAsync(Dir("bin"), File("bin/tool"));

        Assert.Equal(SelectionReason.Traced, Select(tree, NoDefaults, Trace(exes: ["/bin/tool"]))["/bin/tool"]);
        Assert.DoesNotContain("/bin/tool", Select(tree, NoDefaults, Trace()).Keys);
    }

    [Fact]
    public async Task Traced_never_keeps_runtime_mounts()
    {
        var tree = await TreeOfAsync(Dir("proc"), File("proc/x"), Dir("etc"), File("etc/x"));

        Assert.DoesNotContain("/proc/x", Select(tree, NoDefaults, Trace(files: ["/proc/x"])).Keys);
        Assert.Contains("/etc/x", Select(tree, NoDefaults, Trace(files: ["/etc/x"])).Keys);
    }

    [Fact]
    public async Task No_rule_keeps_the_sensors_folder_not_an_include_nor_a_link_into_it()
    {
        var tree = await TreeOfAsync(Dir(".slim"), File(".slim/slim-tracer"), Link("tracer", ".slim/slim-tracer"), Dir("etc"), File("etc/x"));

        var kept = Select(tree, NoDefaults with { IncludePaths = ["/etc", "/.slim"] }, Trace(files: ["/tracer", "/.slim/slim-tracer"]));

        Assert.Contains("/etc/x", kept.Keys);
        Assert.DoesNotContain(kept.Keys, p => p == TracerMount.Directory || p.StartsWith(TracerMount.Directory + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Symlink_keeps_the_links_on_the_way_and_a_traced_link_alone()
    {
        var tree = await TreeOfAsync(Dir("usr"), Dir("usr/lib"), File("usr/lib/x"), Link("lib", "usr/lib"), Link("y", "usr/lib/x"));

        var through = Select(tree, NoDefaults, Trace(files: ["/lib/x"]));
        var direct = Select(tree, NoDefaults, Trace(files: ["/usr/lib/x"]));
        var linkOnly = Select(tree, NoDefaults, Trace(links: ["/y"]));

        Assert.Equal(SelectionReason.Symlink, through["/lib"]);
        Assert.DoesNotContain("/lib", direct.Keys);
        Assert.Equal(SelectionReason.Symlink, linkOnly["/y"]);
        Assert.DoesNotContain("/usr/lib/x", linkOnly.Keys); // a link the trace only read (readlink) is kept without its target
    }

    [Fact]
    public async Task Parent_keeps_the_directories_above_a_kept_file_and_the_nearest_one_of_a_missing_file()
    {
        var tree = await TreeOfAsync(Dir("var"), Dir("var/cache"), Dir("var/cache/deep"), File("var/cache/deep/f"), Dir("var/other"));

        var found = Select(tree, NoDefaults, Trace(files: ["/var/cache/deep/f"]));
        var missing = Select(tree, NoDefaults, Trace(files: ["/var/other/made-at-run-time"]));

        Assert.Equal(SelectionReason.Parent, found["/var/cache/deep"]);
        Assert.Equal(SelectionReason.Parent, found["/var"]);
        Assert.DoesNotContain("/var/other", found.Keys);
        Assert.Equal(SelectionReason.Parent, missing["/var/other"]);
        Assert.DoesNotContain("/var/cache", missing.Keys);
    }

    [Fact]
    public async Task ElfDependency_keeps_the_interpreter_and_the_libraries_a_kept_binary_needs()
    {
        var tree = await TreeOfAsync(
            Dir("bin"), File("bin/app"), File("bin/static"), Dir("lib"), File("lib/ld.so"), File("lib/libc.so.6"), File("lib/libunused.so"));
        var elf = new Dictionary<string, ElfInfo?>
        {
            ["/bin/app"] = new(ElfKind.Executable, "/lib/ld.so", ["libc.so.6"], [], []),
            ["/bin/static"] = new(ElfKind.Executable, null, [], [], []),
        };

        var dynamic = await SelectExaminedAsync(tree, Trace(files: ["/bin/app"]), elf);
        var isStatic = await SelectExaminedAsync(tree, Trace(files: ["/bin/static"]), elf);

        Assert.Equal(SelectionReason.ElfDependency, dynamic["/lib/ld.so"]);
        Assert.Equal(SelectionReason.ElfDependency, dynamic["/lib/libc.so.6"]);
        Assert.DoesNotContain("/lib/libunused.so", dynamic.Keys);
        Assert.DoesNotContain("/lib/libc.so.6", isStatic.Keys);
        Assert.DoesNotContain("/lib/ld.so", isStatic.Keys);
    }

    [Fact]
    public async Task ScriptInterpreter_keeps_the_interpreter_a_kept_script_names()
    {
        var tree = await TreeOfAsync(Dir("bin"), File("bin/sh"), Dir("app"), File("app/run.sh"), File("app/data"));
        var scripts = new Dictionary<string, ShebangLine> { ["/app/run.sh"] = new("/bin/sh", null) };

        var script = await SelectExaminedAsync(tree, Trace(files: ["/app/run.sh"]), [], scripts);
        var data = await SelectExaminedAsync(tree, Trace(files: ["/app/data"]), [], scripts);

        Assert.Equal(SelectionReason.ScriptInterpreter, script["/bin/sh"]);
        Assert.DoesNotContain("/bin/sh", data.Keys);
    }

    [Fact]
    public async Task ImageConfig_keeps_the_entrypoint_working_dir_volumes_and_user_files()
    {
        var tree = await TreeOfAsync(
            Dir("usr"), Dir("usr/bin"), File("usr/bin/server"), Dir("srv"), Dir("data"),
            Dir("etc"), File("etc/passwd"), File("etc/group"));
        var config = new ContainerConfig
        {
            Entrypoint = ["server"],
            WorkingDir = "/srv",
            Volumes = new Dictionary<string, JsonElement> { ["/data"] = default },
            User = "app",
        };

        var configured = FileSelector.Select(tree, NoDefaults, [Trace()], config).Paths;
        var bare = FileSelector.Select(tree, NoDefaults, [Trace()], new ContainerConfig()).Paths;

        Assert.Equal(SelectionReason.ImageConfig, configured["/usr/bin/server"]);
        Assert.Equal(SelectionReason.ImageConfig, configured["/srv"]);
        Assert.Equal(SelectionReason.ImageConfig, configured["/data"]);
        Assert.Equal(SelectionReason.ImageConfig, configured["/etc/passwd"]);
        Assert.Equal(SelectionReason.ImageConfig, configured["/etc/group"]);
        Assert.Empty(bare);
    }

    [Fact]
    public async Task ImageConfig_keeps_the_healthcheck_program()
    {
        var tree = await TreeOfAsync(Dir("bin"), File("bin/sh"), File("bin/probe"));
        var health = JsonDocument.Parse("""{"Test":["CMD-SHELL","probe --quick"]}""").RootElement;

        var kept = FileSelector.Select(tree, NoDefaults with { SearchPath = ["/bin"] }, [Trace()], new ContainerConfig { Healthcheck = health }).Paths;

        Assert.Equal(SelectionReason.ImageConfig, kept["/bin/sh"]);
        Assert.Equal(SelectionReason.ImageConfig, kept["/bin/probe"]);
        Assert.Empty(FileSelector.Select(tree, NoDefaults, [Trace()], new ContainerConfig()).Paths);
    }

    [Fact]
    public async Task Certificates_keeps_the_bundle_and_the_hash_links_unless_turned_off()
    {
        var tree = await TreeOfAsync(
            Dir("etc"), Dir("etc/ssl"), Dir("etc/ssl/certs"), File("etc/ssl/certs/ca-certificates.crt"), Link("etc/ssl/certs/abcd.0", "ca-certificates.crt"));

        var on = Select(tree, new SelectionRules(), Trace());
        var off = Select(tree, NoDefaults, Trace());

        Assert.Equal(SelectionReason.Certificates, on["/etc/ssl/certs/ca-certificates.crt"]);
        Assert.Equal(SelectionReason.Symlink, on["/etc/ssl/certs/abcd.0"]); // a link met on the way is reported as a link
        Assert.Empty(off);
    }

    [Fact]
    public async Task Include_keeps_include_paths_whole_include_bins_and_include_exes()
    {
        var tree = await TreeOfAsync(
            Dir("opt"), Dir("opt/app"), File("opt/app/a"), Dir("opt/app/sub"), File("opt/app/sub/b"),
            Dir("usr"), Dir("usr/bin"), File("usr/bin/curl"), File("usr/bin/jq"), File("usr/bin/other"));
        var rules = NoDefaults with { IncludePaths = ["/opt/app"], IncludeBins = ["/usr/bin/curl"], IncludeExes = ["jq"] };

        var kept = Select(tree, rules, Trace());

        Assert.Equal(SelectionReason.Include, kept["/opt/app/sub/b"]);
        Assert.Equal(SelectionReason.Include, kept["/usr/bin/curl"]);
        Assert.Equal(SelectionReason.Include, kept["/usr/bin/jq"]);
        Assert.DoesNotContain("/usr/bin/other", kept.Keys);
        Assert.Empty(Select(tree, NoDefaults, Trace()));
    }

    [Fact]
    public async Task Shell_keeps_the_shell_tools_found_in_the_search_path_when_asked()
    {
        var tree = await TreeOfAsync(Dir("bin"), File("bin/sh"), File("bin/ls"), File("bin/vim"));

        var shell = Select(tree, NoDefaults with { IncludeShell = true, SearchPath = ["/bin"] }, Trace());

        Assert.Equal(SelectionReason.Shell, shell["/bin/sh"]);
        Assert.Equal(SelectionReason.Shell, shell["/bin/ls"]);
        Assert.DoesNotContain("/bin/vim", shell.Keys);
        Assert.Empty(Select(tree, NoDefaults with { SearchPath = ["/bin"] }, Trace()));
    }

    [Fact]
    public async Task Repair_keeps_each_repair_path_on_its_own()
    {
        var tree = await TreeOfAsync(Dir("etc"), File("etc/found-missing"), File("etc/neighbour"));

        var repaired = Select(tree, NoDefaults with { RepairPaths = ["/etc/found-missing"] }, Trace());

        Assert.Equal(SelectionReason.Repair, repaired["/etc/found-missing"]);
        Assert.DoesNotContain("/etc/neighbour", repaired.Keys);
        Assert.Empty(Select(tree, NoDefaults, Trace()));
    }

    [Theory]
    [InlineData(ListedDirectoryPolicy.Used, false, false)]
    [InlineData(ListedDirectoryPolicy.Children, true, false)]
    [InlineData(ListedDirectoryPolicy.Tree, true, true)]
    public async Task ListedDirectory_keeps_what_the_policy_says_of_a_listed_directory(ListedDirectoryPolicy policy, bool child, bool grandchild)
    {
        var tree = await TreeOfAsync(Dir("plugins"), File("plugins/a.so"), Dir("plugins/extra"), File("plugins/extra/b.so"));
        var rules = NoDefaults with { ListedDirectories = policy };

        var listed = Select(tree, rules, Trace(listed: ["/plugins"]));
        var read = Select(tree, rules, Trace(files: ["/plugins"]));

        Assert.Equal(child, listed.TryGetValue("/plugins/a.so", out var reason) && reason == SelectionReason.ListedDirectory);
        Assert.Equal(grandchild, listed.ContainsKey("/plugins/extra/b.so"));
        Assert.DoesNotContain("/plugins/a.so", read.Keys); // only a listing triggers the policy
    }

    [Fact]
    public async Task DataFamily_keeps_a_used_family_whole_and_an_unused_one_not_at_all()
    {
        var tree = await TreeOfAsync(
            Dir("usr"), Dir("usr/share"), Dir("usr/share/zoneinfo"), File("usr/share/zoneinfo/UTC"), Dir("usr/share/zoneinfo/Asia"),
            File("usr/share/zoneinfo/Asia/Tokyo"));

        var used = Select(tree, NoDefaults, Trace(files: ["/usr/share/zoneinfo/UTC"]));
        var unused = Select(tree, NoDefaults, Trace());

        Assert.Equal(SelectionReason.DataFamily, used["/usr/share/zoneinfo/Asia/Tokyo"]);
        Assert.Empty(unused);
    }

    [Fact]
    public async Task Exclude_patterns_drop_a_kept_file_and_its_orphans_and_preserve_wins()
    {
        var tree = await TreeOfAsync(Dir("app"), File("app/keep"), Dir("app/docs"), File("app/docs/manual"), File("app/saved"));

        var excluded = FileSelector.Select(tree, NoDefaults with { ExcludePatterns = ["/app/docs", "/app/saved"], PreservePaths = ["/app/saved"] },
            [Trace(files: ["/app/keep", "/app/docs/manual", "/app/saved"])]);

        Assert.Equal(["/app/docs", "/app/docs/manual"], excluded.Excluded);
        Assert.Contains("/app/keep", excluded.Paths.Keys);
        Assert.Contains("/app/saved", excluded.Paths.Keys);
    }

    [Fact]
    public async Task Cut_directories_report_what_a_listed_directory_lost()
    {
        var tree = await TreeOfAsync(Dir("plugins"), File("plugins/a.so"), File("plugins/b.so"));

        var cut = FileSelector.Select(tree, NoDefaults, [Trace(files: ["/plugins/a.so"], listed: ["/plugins"])]).CutDirectories;

        var directory = Assert.Single(cut);
        Assert.Equal(new CutDirectory("/plugins", 1, 1, 10), directory);
        Assert.Empty(FileSelector.Select(tree, NoDefaults, [Trace(files: ["/plugins/a.so", "/plugins/b.so"], listed: ["/plugins"])]).CutDirectories);
    }

    private static IReadOnlyDictionary<string, SelectionReason> Select(ImageTree tree, SelectionRules rules, TraceReport trace) =>
        FileSelector.Select(tree, rules, [trace]).Paths;

    private static async Task<IReadOnlyDictionary<string, SelectionReason>> SelectExaminedAsync(
        ImageTree tree, TraceReport trace, Dictionary<string, ElfInfo?> elf, Dictionary<string, ShebangLine>? scripts = null)
    {
        var resolver = new LibraryResolver(tree, LdSoCache.Empty, []);
        var selection = await FileSelector.SelectAsync(tree, NoDefaults, [trace], null, resolver, (pending, _) =>
        {
            var paths = pending.Select(f => f.ImagePath.Absolute).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(new FileExamination(
                elf.Where(e => paths.Contains(e.Key)).ToDictionary(),
                (scripts ?? []).Where(s => paths.Contains(s.Key)).ToDictionary()));
        }, CancellationToken.None);
        return selection.Paths;
    }

    private static TraceReport Trace(string[]? files = null, string[]? listed = null, string[]? links = null, string[]? exes = null) => new(
        TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser("root", 0, 0, []),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
        (exes ?? []).Select((e, i) => new TracedProcess(i + 1, 0, e, [e], [e], 1, null)).ToList(),
        (files ?? []).Select(p => new TracedFile(p, true, null, [PathAccessKind.Read], []))
            .Concat((listed ?? []).Select(p => new TracedFile(p, true, p, [PathAccessKind.List], []))).ToList(),
        (links ?? []).Select(l => new TracedSymlink(l, "?")).ToList(), [], []);
}
