using Slim.Images;
using Slim.Images.Layers;
using Slim.Rebuild.Index;
using Slim.Testing;

namespace Slim.Rebuild.Tests.Index;

public sealed class FileIndexTests
{
    private static async Task<FileIndex> IndexAsync(params TestTar[] layers)
    {
        var index = new FileIndex();
        for (var i = 0; i < layers.Length; i++)
        {
            using var tar = new MemoryStream(layers[i].ToBytes());
            await index.AddLayerAsync(LayerReader.ReadEntriesAsync(tar, $"layer {i}", CancellationToken.None), $"layer {i}", CancellationToken.None);
        }

        return index;
    }

    [Fact]
    public async Task A_whiteout_deletes_a_file_from_lower_layers()
    {
        var index = await IndexAsync(
            new TestTar().Directory("etc/").File("etc/a", "1").File("etc/b", "2"),
            new TestTar().Whiteout("etc/a"));

        Assert.Null(index["etc/a"]);
        Assert.NotNull(index["etc/b"]);
        Assert.Equal(["etc", "etc/b"], index.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task A_whiteout_of_a_directory_deletes_everything_below_it()
    {
        var index = await IndexAsync(
            new TestTar().Directory("d/").Directory("d/e/").File("d/e/f", "1").File("dd", "keep"),
            new TestTar().Whiteout("d"));

        Assert.Equal(["dd"], index.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task An_opaque_directory_hides_lower_content_but_keeps_its_own_layer()
    {
        var index = await IndexAsync(
            new TestTar().Directory("d/").File("d/old", "1").Directory("d/sub/").File("d/sub/x", "2"),
            new TestTar().Directory("d/").Opaque("d").File("d/new", "3"));

        Assert.Equal(["d", "d/new"], index.Files.Select(f => f.Path));
        Assert.Equal(1, index["d"]!.Layer);
    }

    [Fact]
    public async Task A_file_in_a_higher_layer_wins_and_points_to_that_layer()
    {
        var index = await IndexAsync(
            new TestTar().File("a", "old"),
            new TestTar().File("a", "newer"));

        var a = index["a"]!;
        Assert.Equal((1, 1, 5L), (a.Layer, a.ContentLayer, a.Size));
    }

    [Fact]
    public async Task A_file_replacing_a_directory_removes_the_directory_tree()
    {
        var index = await IndexAsync(
            new TestTar().Directory("x/").File("x/y", "1"),
            new TestTar().File("x", "now a file"));

        Assert.Equal(["x"], index.Files.Select(f => f.Path));
        Assert.Equal(LayerEntryKind.File, index["x"]!.Kind);
    }

    [Fact]
    public async Task Hardlinks_resolve_to_the_layer_and_path_holding_the_bytes()
    {
        var index = await IndexAsync(
            new TestTar().File("bin/busybox", "ELF...").Hardlink("bin/sh", "bin/busybox"),
            new TestTar().Hardlink("bin/ls", "./bin/sh"));

        var ls = index["bin/ls"]!;
        Assert.Equal(LayerEntryKind.Hardlink, ls.Kind);
        Assert.Equal((1, 0, "bin/busybox", 6L), (ls.Layer, ls.ContentLayer, ls.ContentPath, ls.Size));
    }

    [Fact]
    public async Task A_hardlink_to_a_symlink_is_legal_but_one_to_a_directory_is_not()
    {
        var index = await IndexAsync(new TestTar().Symlink("a", "target").Hardlink("b", "a"));
        Assert.Equal("a", index["b"]!.ContentPath);

        var e = await Assert.ThrowsAsync<ImageException>(() => IndexAsync(new TestTar().Directory("d/").Hardlink("h", "d")));
        Assert.Equal(ImageErrorReason.UnsafePath, e.Detail);
    }

    [Fact]
    public async Task Symlinks_are_kept_as_links_whatever_they_point_to()
    {
        var index = await IndexAsync(new TestTar().Symlink("lib64", "usr/lib64").Symlink("evil", "/../../../etc/shadow"));

        Assert.Equal("usr/lib64", index["lib64"]!.Entry.LinkTarget);
        Assert.Equal("/../../../etc/shadow", index["evil"]!.Entry.LinkTarget);
        Assert.Equal(LayerEntryKind.Symlink, index["evil"]!.Kind);
    }

    [Fact]
    public async Task Names_are_canonical_whatever_the_tar_wrote()
    {
        var index = await IndexAsync(new TestTar().Directory("./usr/").File("./usr//bin/x", "1"));
        Assert.Equal(["usr", "usr/bin/x"], index.Files.Select(f => f.Path));
        Assert.True(index.Contains("/usr/bin/x"));
    }

    [Fact]
    public async Task A_file_twice_in_one_layer_is_its_last_entry_as_in_Docker()
    {
        var index = await IndexAsync(new TestTar().File("a", "1").File("a", "second"));
        Assert.Equal(6, index["a"]!.Size);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public async Task A_hardlink_to_a_name_not_in_the_image_is_refused()
    {
        var e = await Assert.ThrowsAsync<ImageException>(() => IndexAsync(new TestTar().File("a", "1").Hardlink("b", "nothere")));
        Assert.Equal(ImageErrorReason.UnsafePath, e.Detail);
        Assert.Contains("'nothere'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_is_kept()
    {
        var index = await IndexAsync(new TestTar().File("bin/tool", "x", (UnixFileMode)0b111_101_101 | UnixFileMode.SetUser));
        var tool = index["bin/tool"]!.Entry;
        Assert.True(tool.Mode.HasFlag(UnixFileMode.SetUser));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), tool.ModificationTime);
    }
}
