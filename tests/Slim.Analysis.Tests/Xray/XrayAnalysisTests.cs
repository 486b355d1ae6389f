using System.Text;
using Slim.Analysis.Xray;

namespace Slim.Analysis.Tests.Xray;

/// <summary>dive's efficiency rules, one hand-made image per rule, with the answer worked out by hand.</summary>
public sealed class XrayAnalysisTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void An_empty_image_is_fully_efficient()
    {
        var report = Analyse();

        Assert.Equal(1.0, report.Efficiency);
        Assert.Equal(0, report.WastedBytes);
        Assert.Equal(0, report.UserWastedPercent);
        Assert.Equal(0, report.ImageSize);
    }

    [Fact]
    public void A_file_deleted_by_a_later_layer_is_wasted_and_its_whiteout_counts_zero()
    {
        var report = Analyse(
            [XrayEntry.File("etc/os-release", 100)],
            [XrayEntry.File("big.bin", 20 * MiB)],
            [XrayEntry.Whiteout("big.bin")]);

        // big.bin: 20 MiB then 0; etc/os-release: 100 once
        Assert.Equal(100.0 / (100 + 20 * MiB), report.Efficiency, 12);
        Assert.Equal(20 * MiB, report.WastedBytes);
        Assert.Equal(100.0, report.UserWastedPercent, 12); // 20 MiB over layers 1 and 2 (20 MiB + 0)
        Assert.Equal([100, 20 * MiB, 0], report.Layers.Select(l => l.Size));
        Assert.Equal(20 * MiB, report.Layers[1].WastedBytes);
        Assert.Equal(1, report.Layers[2].FilesDeleted);
        var path = Assert.Single(report.InefficientPaths);
        Assert.Equal(new XrayInefficientPath("/big.bin", 2, 20 * MiB), path);
        var deleted = Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.DeletedLater);
        Assert.Equal(20 * MiB, deleted.Bytes);
        Assert.Equal([1], deleted.Layers);
        Assert.Equal(["/big.bin"], deleted.Paths);
        Assert.DoesNotContain(report.BiggestFiles, f => f.Path == "/big.bin");
    }

    [Fact]
    public void A_directory_whiteout_counts_everything_under_it_in_the_lower_layers()
    {
        var report = Analyse(
            [XrayEntry.Directory("d"), XrayEntry.File("d/x", 10), XrayEntry.File("d/y", 5), XrayEntry.File("keep", 7)],
            [XrayEntry.Whiteout("d")]);

        // leaves: d/x 10, d/y 5, keep 7 (layer 0: d has children, so it is no leaf); d 15 (layer 1). Every path once.
        Assert.Equal(1.0, report.Efficiency);
        Assert.Equal(0, report.WastedBytes);
        Assert.Equal(15, report.Layers[0].WastedBytes);
        Assert.Equal(2, report.Layers[1].FilesDeleted);
        Assert.Equal(1, report.FileCount);
    }

    [Fact]
    public void A_whiteout_of_a_lower_directory_that_was_a_leaf_is_seen_twice()
    {
        var report = Analyse(
            [XrayEntry.Directory("empty"), XrayEntry.File("f", 4)],
            [XrayEntry.Whiteout("empty"), XrayEntry.File("g", 4)]);

        Assert.Equal(1.0, report.Efficiency); // empty: 0 + 0
        Assert.Equal(0, report.WastedBytes);
        Assert.Equal(["/empty"], report.InefficientPaths.Select(p => p.Path));
    }

    [Fact]
    public void An_overwritten_file_costs_its_cumulative_size_and_keeps_its_smallest_version()
    {
        var report = Analyse(
            [XrayEntry.File("app/lib.so", 100)],
            [XrayEntry.Directory("app"), XrayEntry.File("app/lib.so", 40)]);

        Assert.Equal(40.0 / 140, report.Efficiency, 12);
        Assert.Equal(140, report.WastedBytes);
        Assert.Equal(140 * 100.0 / 40, report.UserWastedPercent, 12);
        Assert.Equal(100, report.Layers[0].WastedBytes);
        Assert.Equal(1, report.Layers[1].FilesModified);
        Assert.Equal(0, report.Layers[1].FilesAdded);
        var overwritten = Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.OverwrittenLater);
        Assert.Equal(100, overwritten.Bytes);
    }

    [Fact]
    public void Directories_with_children_are_not_leaves_and_restating_them_costs_nothing()
    {
        var report = Analyse(
            [XrayEntry.Directory("etc"), XrayEntry.File("etc/a", 10)],
            [XrayEntry.Directory("etc"), XrayEntry.File("etc/b", 5)]);

        Assert.Equal(1.0, report.Efficiency);
        Assert.Equal(0, report.WastedBytes);
        Assert.Empty(report.InefficientPaths);
        Assert.Equal(1, report.Layers[1].FilesAdded);
    }

    [Fact]
    public void An_opaque_directory_hides_the_lower_content_and_is_a_leaf_of_its_own()
    {
        var report = Analyse(
            [XrayEntry.Directory("d"), XrayEntry.File("d/x", 10)],
            [XrayEntry.Directory("d"), XrayEntry.Opaque("d"), XrayEntry.File("d/z", 3)]);

        Assert.Equal(1.0, report.Efficiency); // d/x 10, d/.wh..wh..opq 10, d/z 3: each once
        Assert.Equal(10, report.Layers[0].WastedBytes);
        Assert.Equal(1, report.Layers[1].FilesDeleted);
        Assert.Equal(["/d/z"], report.BiggestFiles.Select(f => f.Path));
    }

    [Fact]
    public void Same_content_in_two_layers_is_one_duplicate_group()
    {
        var content = PackedSha256.Of(Encoding.UTF8.GetBytes("same bytes"));
        var other = PackedSha256.Of(Encoding.UTF8.GetBytes("other bytes"));
        var report = Analyse(
            [XrayEntry.File("a/same.bin", 1000, content), XrayEntry.File("a/other", 1000, other)],
            [XrayEntry.File("b/same.bin", 1000, content)]);

        var group = Assert.Single(report.Duplicates);
        Assert.Equal(content.ToString(), group.Digest);
        Assert.Equal([new XrayFileCopy(0, "/a/same.bin"), new XrayFileCopy(1, "/b/same.bin")], group.Copies);
        Assert.Equal(1000, group.WastedBytes);
        Assert.Equal(1000, report.DuplicateWastedBytes);
        Assert.Equal(1000, Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.DuplicateFiles).Bytes);
        Assert.Equal(0, report.WastedBytes); // different paths: dive does not see them
    }

    [Fact]
    public void Package_lists_left_in_a_layer_are_suggested_even_when_a_later_layer_deletes_them()
    {
        var report = Analyse(
            [XrayEntry.File("bin/sh", 100)],
            [XrayEntry.File("var/lib/apt/lists/deb.debian.org_Packages", 3000), XrayEntry.File("var/lib/apt/lists/lock", 0), XrayEntry.File("var/cache/apt/pkgcache.bin", 500)],
            [XrayEntry.Whiteout("var/cache/apt")]);

        var lists = Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.PackageCache && s.Message.Contains("/var/lib/apt/lists", StringComparison.Ordinal));
        Assert.Equal(3000, lists.Bytes);
        Assert.Equal([1], lists.Layers);
        var cache = Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.PackageCache && s.Message.Contains("/var/cache/apt", StringComparison.Ordinal));
        Assert.Equal(500, cache.Bytes);
        Assert.Equal(500, Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.DeletedLater).Bytes);
    }

    [Fact]
    public void A_compiler_in_the_final_image_is_a_toolchain_suggestion()
    {
        var report = Analyse(
            [XrayEntry.File("usr/lib/gcc/x86_64-linux-gnu/12/cc1", 30_000), XrayEntry.File("usr/bin/gcc-12", 1000), XrayEntry.File("usr/include/stdio.h", 200), XrayEntry.File("usr/bin/python3", 5000)]);

        var gcc = Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.BuildToolchain && s.Message.StartsWith("GCC", StringComparison.Ordinal));
        Assert.Equal(31_000, gcc.Bytes);
        Assert.Equal(["/usr/bin/gcc-12", "/usr/lib/gcc"], gcc.Paths);
        Assert.Equal(200, Assert.Single(report.Suggestions, s => s.Message.StartsWith("C/C++ headers", StringComparison.Ordinal)).Bytes);
    }

    [Fact]
    public void Biggest_files_and_directories_come_from_the_final_view()
    {
        var report = Analyse(
            [XrayEntry.File("usr/lib/a", 300), XrayEntry.File("usr/lib/b", 200), XrayEntry.File("usr/bin/c", 100), XrayEntry.Symlink("bin")],
            [XrayEntry.File("usr/lib/b", 250)]);

        Assert.Equal(["/usr/lib/a", "/usr/lib/b", "/usr/bin/c", "/bin"], report.BiggestFiles.Select(f => f.Path));
        Assert.Equal(1, report.BiggestFiles[1].Layer);
        Assert.Equal(new XrayDirectory("/usr", 650, 3), report.BiggestDirectories[0]);
        Assert.Equal(new XrayDirectory("/usr/lib", 550, 2), report.BiggestDirectories[1]);
        Assert.Equal(4, report.FileCount);
        Assert.Equal(650, report.Tree.Size);
        Assert.Equal("usr", report.Tree.Children[0].Name);
    }

    [Fact]
    public void The_report_round_trips_through_json()
    {
        var report = Analyse([XrayEntry.File("a", 1)], [XrayEntry.Whiteout("a")]);

        var json = XrayJson.Serialize(report);
        var back = XrayJson.Deserialize(json);

        Assert.NotNull(back);
        Assert.Contains("\"kind\": \"slim.xray/v1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"DeletedLater\"", json, StringComparison.Ordinal);
        Assert.Equal(report.WastedBytes, back.WastedBytes);
        Assert.Equal(report.Layers, back.Layers);
        Assert.Null(XrayJson.Deserialize("{\"kind\":\"something else\"}"));
    }

    /// <summary>
    /// dive's figures for its own test image (user size 66237, user wasted 0.4834911001404049), made here with the same
    /// sums: 66237 bytes above the first layer, 32025 of them a path written twice. Both forms of the wasted figure are in the JSON.
    /// </summary>
    [Fact]
    public void The_user_size_and_the_user_wasted_fraction_are_dives_figures()
    {
        var report = Analyse(
            [XrayEntry.File("base", 1000)],
            [XrayEntry.File("a", 16012), XrayEntry.File("b", 34212)],
            [XrayEntry.File("a", 16013)]);

        Assert.Equal(66237, report.UserSizeBytes);
        Assert.Equal(32025, report.WastedBytes);
        Assert.Equal(0.4834911001404049, report.UserWastedFraction);
        Assert.Equal(48.34911001404049, report.UserWastedPercent, 12);
        var json = XrayJson.Serialize(report);
        Assert.Contains("\"userSizeBytes\": 66237", json, StringComparison.Ordinal);
        Assert.Contains("\"userWastedFraction\": 0.4834911001404049", json, StringComparison.Ordinal);
        Assert.Contains("\"userWastedPercent\": 48.3491100140404", json, StringComparison.Ordinal);
    }

    private static XrayReport Analyse(params IReadOnlyList<XrayEntry>[] layers)
    {
        var analysis = new XrayAnalysis();
        foreach (var layer in layers)
        {
            analysis.AddLayer(new XrayLayerInfo(), layer);
        }

        return analysis.Build("test", "sha256:" + new string('0', 64), []);
    }
}
