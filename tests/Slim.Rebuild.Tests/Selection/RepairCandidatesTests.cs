using Slim.Images.Layers;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Trace;
using static Slim.Rebuild.Tests.Selection.TreeEntries;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>What a trace of the slim image says it lacks, measured against the original image's tree.</summary>
public sealed class RepairCandidatesTests
{
    [Fact]
    public async Task A_path_the_slim_image_looked_for_in_vain_is_found_when_the_original_has_it()
    {
        var tree = await TreeAsync();
        var selected = Selected("/bin", "/usr", "/usr/bin", "/usr/bin/app");

        var found = RepairCandidates.Find(tree, selected, [Trace(("/bin/helper", false, PathAccessKind.Exec), ("/etc/missing.conf", false, PathAccessKind.Read))]);

        var candidate = Assert.Single(found);
        Assert.Equal(new RepairCandidate("/bin/helper", RepairCause.LookedFor, null), candidate);
    }

    [Fact]
    public async Task A_listed_directory_brings_the_entries_the_original_holds()
    {
        var tree = await TreeAsync();
        var selected = Selected("/srv", "/srv/data", "/srv/data/config.json");

        var found = RepairCandidates.Find(tree, selected, [Trace(("/srv/data", true, PathAccessKind.List))]);

        Assert.Equal(
            [new RepairCandidate("/srv/data/a.txt", RepairCause.Listed, "/srv/data"), new RepairCandidate("/srv/data/b.txt", RepairCause.Listed, "/srv/data")],
            found);
    }

    [Fact]
    public async Task What_the_slim_image_has_and_the_runtime_mounts_are_never_candidates()
    {
        var tree = await TreeAsync();
        var selected = Selected("/usr", "/usr/bin", "/usr/bin/app");

        var found = RepairCandidates.Find(tree, selected, [Trace(("/usr/bin/app", true, PathAccessKind.Exec), ("/proc/self/maps", true, PathAccessKind.Read), ("/.slim/slim-tracer", true, PathAccessKind.Exec))]);

        Assert.Empty(found);
    }

    private static Dictionary<string, SelectionReason> Selected(params string[] paths) =>
        paths.ToDictionary(p => p, _ => SelectionReason.Traced, StringComparer.Ordinal);

    private static TraceReport Trace(params (string Path, bool Found, PathAccessKind Kind)[] files) => new(
        TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser("root", 0, 0, []),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
        [], files.Select(f => new TracedFile(f.Path, f.Found, null, [f.Kind], [])).ToList(), [], [], []);

    private static async Task<ImageTree> TreeAsync()
    {
        return await TreeOfAsync(
            Dir("usr"), Dir("usr/bin"), Link("bin", "usr/bin"), File("usr/bin/app"), File("usr/bin/helper"),
            Dir("proc"), Dir("srv"), Dir("srv/data"), File("srv/data/a.txt"), File("srv/data/b.txt"), File("srv/data/config.json"));
    }
}
