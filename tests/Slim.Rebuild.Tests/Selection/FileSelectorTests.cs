using Slim.Images.Layers;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Trace;
using static Slim.Rebuild.Tests.Selection.TreeEntries;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>Selection rules on a small merged-/usr image built in memory: /lib -> usr/lib, /bin -> usr/bin.</summary>
public sealed class FileSelectorTests
{
    [Fact]
    public async Task A_traced_path_brings_its_symlinks_and_parents()
    {
        var selection = FileSelector.Select(await TreeAsync(), new SelectionRules(), [Trace("/lib/libfoo.so.1")]);

        Assert.Equal(
            ["/lib", "/usr", "/usr/lib", "/usr/lib/libfoo.so.1", "/usr/lib/libfoo.so.1.2"],
            selection.Paths.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_path_made_at_run_time_keeps_the_directory_it_was_made_in()
    {
        var selection = FileSelector.Select(await TreeAsync(), new SelectionRules(), [Trace("/var/cache/app/new-file")]);

        Assert.Contains("/var/cache", selection.Paths.Keys);
    }

    [Fact]
    public async Task Exclude_patterns_match_through_symlinked_directories_and_preserve_wins()
    {
        var rules = new SelectionRules { ExcludePatterns = ["/lib/**/*.so.1.2", "/bin/*"], PreservePaths = ["/bin/tool"] };
        var selection = FileSelector.Select(await TreeAsync(), rules, [Trace("/lib/libfoo.so.1", "/bin/tool", "/bin/other")]);

        Assert.Contains("/usr/lib/libfoo.so.1.2", selection.Excluded);
        Assert.Contains("/usr/bin/other", selection.Excluded);
        Assert.Contains("/usr/bin/tool", selection.Paths.Keys);
    }

    private static TraceReport Trace(params string[] paths) => new(
        TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser("root", 0, 0, []),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
        [], paths.Select(p => new TracedFile(p, true, null, [PathAccessKind.Read], [])).ToList(), [], [], []);

    private static async Task<ImageTree> TreeAsync()
    {
        return await TreeOfAsync(
            Dir("usr"), Dir("usr/lib"), Dir("usr/bin"), Dir("var"), Dir("var/cache"),
            Link("lib", "usr/lib"), Link("bin", "usr/bin"),
            File("usr/lib/libfoo.so.1.2"), Link("usr/lib/libfoo.so.1", "libfoo.so.1.2"),
            File("usr/bin/tool"), File("usr/bin/other"));
    }
}
