using System.Text;
using Slim.Images;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Testing;

namespace Slim.Rebuild.Tests.Index;

/// <summary>The file index built from a `docker save` stream as it arrives, and file contents found by their position in it.</summary>
public sealed class DockerSaveIndexerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly byte[] Binary = Enumerable.Range(0, 100_003).Select(i => (byte)(i * 31 % 251)).ToArray();

    private static readonly string LongPath = "opt/" + new string('d', 120) + "/file-with-a-name-longer-than-ustar-allows";

    /// <summary>Two layers with what moves offsets around: long names (PAX records), xattrs, a hardlink, a whiteout, a rewrite.</summary>
    private static TestImage Sample() => new TestImage()
        .Layer(new TestTar()
            .Directory("etc/").File("etc/a", new string('a', 4000)).Hardlink("etc/h", "etc/a")
            .Directory("bin/").File("bin/x", Binary, new Dictionary<string, string> { ["security.capability"] = "\u0001\u0002", ["user.note"] = "kept" })
            .Directory("opt/").File(LongPath, "deep")
            .File("empty", ""))
        .Layer(new TestTar().Whiteout("etc/a").File("etc/b", "b").File("bin/x", "rewritten"));

    [Fact]
    public async Task Contents_found_by_position_in_the_landed_stream_are_the_bytes_the_layers_hold()
    {
        var image = Sample();
        var archive = _dir.Write("export.tar", image.ClassicArchive());
        using var spool = new ContentSpool(_dir.Path);

        var index = await DockerSaveIndexer.BuildAsync(new OneWayStream(File.ReadAllBytes(archive)), spool, _ => false, "export", archive, CancellationToken.None)
            ?? throw new InvalidOperationException("no index");

        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + archive));
        var read = await source.GetImageAsync(CancellationToken.None);
        var expected = await FileIndex.BuildAsync(source, read, CancellationToken.None);
        Assert.Equal(expected.Files.Select(f => (f.Path, f.Kind, f.ContentLayer, f.ContentPath)), index.Files.Select(f => (f.Path, f.Kind, f.ContentLayer, f.ContentPath)));
        Assert.Equal(["bin", "bin/x", "empty", "etc", "etc/b", "etc/h", "opt", LongPath], index.Files.Select(f => f.Path));

        Assert.Equal("rewritten", await ReadAsync(spool, index["bin/x"]!));
        Assert.Equal(new string('a', 4000), await ReadAsync(spool, index["etc/h"]!)); // a link outlives the name it was made from
        Assert.Equal("b", await ReadAsync(spool, index["etc/b"]!));
        Assert.Equal("deep", await ReadAsync(spool, index[LongPath]!));
        Assert.Equal("", await ReadAsync(spool, index["empty"]!));

        // The lower layer's bin/x (binary, behind a PAX header with xattrs), shadowed in the index, is still found where it lies.
        var lower = new IndexedFile { Entry = index["bin/x"]!.Entry, Layer = 0, ContentLayer = 0, ContentPath = "bin/x", Size = Binary.Length };
        await using var stream = spool.Open(lower);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(Binary, copy.ToArray());
    }

    [Fact]
    public async Task Layers_that_arrive_before_the_order_is_known_are_applied_in_the_manifest_order()
    {
        var image = Sample();
        var config = image.Config;
        var configName = Digest.Compute(config).Encoded + ".json";
        // The upper layer comes first in the stream; only manifest.json, last, says it is the upper one.
        var bytes = TestTar.Archive(
            ("b/layer.tar", image.Layers[1].Blob),
            ("a/layer.tar", image.Layers[0].Blob),
            (configName, config),
            ("manifest.json", Encoding.UTF8.GetBytes($"[{{\"Config\":\"{configName}\",\"RepoTags\":null,\"Layers\":[\"a/layer.tar\",\"b/layer.tar\"]}}]")));
        var archive = _dir.Write("swapped.tar", bytes);
        using var spool = new ContentSpool(_dir.Path);

        var index = await DockerSaveIndexer.BuildAsync(new OneWayStream(bytes), spool, _ => false, "export", archive, CancellationToken.None)
            ?? throw new InvalidOperationException("no index");

        Assert.Null(index["etc/a"]); // the whiteout, in the layer read first, still removed the lower file
        Assert.Equal(1, index["bin/x"]!.ContentLayer);
        Assert.Equal("rewritten", await ReadAsync(spool, index["bin/x"]!));
        Assert.Equal(new string('a', 4000), await ReadAsync(spool, index["etc/h"]!));
    }

    [Fact]
    public async Task Without_a_landed_copy_only_the_wanted_files_are_spooled()
    {
        var bytes = Sample().ClassicArchive();
        using var spool = new ContentSpool(_dir.Path);

        var index = await DockerSaveIndexer.BuildAsync(new OneWayStream(bytes), spool, path => path == "etc/b", "export", null, CancellationToken.None)
            ?? throw new InvalidOperationException("no index");

        Assert.True(spool.Contains(index["etc/b"]!));
        Assert.Equal("b", await ReadAsync(spool, index["etc/b"]!));
        Assert.False(spool.Contains(index["bin/x"]!));
    }

    [Fact]
    public async Task An_oci_layout_export_streams_its_big_layers_and_keeps_its_small_ones_in_memory()
    {
        // Docker 25 and later save an OCI layout: every blob under blobs/sha256, names without ".tar".
        var big = Enumerable.Range(0, 5 << 20).Select(i => (byte)(i % 253)).ToArray();
        var image = new TestImage()
            .Layer(new TestTar().Directory("opt/").File("opt/big", big))
            .Layer(new TestTar().File("opt/small", "small"));
        string Blob(byte[] bytes) => "blobs/sha256/" + Digest.Compute(bytes).Encoded;
        var bytes = TestTar.Archive(
            (Blob(image.Layers[0].Blob), image.Layers[0].Blob),
            (Blob(image.Layers[1].Blob), image.Layers[1].Blob),
            (Blob(image.Config), image.Config),
            ("manifest.json", Encoding.UTF8.GetBytes($"[{{\"Config\":\"{Blob(image.Config)}\",\"RepoTags\":null,\"Layers\":[\"{Blob(image.Layers[0].Blob)}\",\"{Blob(image.Layers[1].Blob)}\"]}}]")));
        var archive = _dir.Write("oci-export.tar", bytes);
        using var spool = new ContentSpool(_dir.Path);

        var index = await DockerSaveIndexer.BuildAsync(new OneWayStream(bytes), spool, _ => false, "export", archive, CancellationToken.None)
            ?? throw new InvalidOperationException("no index");

        Assert.Equal(["opt", "opt/big", "opt/small"], index.Files.Select(f => f.Path));
        await using (var stream = spool.Open(index["opt/big"]!))
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            Assert.Equal(big, copy.ToArray());
        }

        Assert.False(spool.Contains(index["opt/small"]!)); // read from memory: no position to record, and not wanted
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task Compressed_layers_end_the_streamed_pass_and_leave_the_index_to_the_landed_archive(string compression)
    {
        Func<byte[], byte[]> compress = compression == "gzip" ? TestTar.Gzip : TestTar.Zstd;
        var image = new TestImage()
            .Layer(new TestTar().Directory("etc/").File("etc/a", "a"), compress)
            .Layer(new TestTar().File("etc/b", "b"), compress);
        var archive = _dir.Write("compressed.tar", image.ClassicArchive());
        using var spool = new ContentSpool(_dir.Path);

        Assert.Null(await DockerSaveIndexer.BuildAsync(new OneWayStream(File.ReadAllBytes(archive)), spool, _ => true, "export", archive, CancellationToken.None));

        // What the build does then: the landed archive reads them fine.
        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + archive));
        var index = await FileIndex.BuildAsync(source, await source.GetImageAsync(CancellationToken.None), CancellationToken.None);
        Assert.Equal(["etc", "etc/a", "etc/b"], index.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task A_plain_layer_before_a_compressed_one_still_hands_over_to_the_landed_archive()
    {
        // A base loaded from a plain archive, gzip layers built on top: the plain one streams by first.
        var image = new TestImage()
            .Layer(new TestTar().Directory("etc/").File("etc/a", "a"))
            .Layer(new TestTar().File("etc/b", "b"), TestTar.Gzip);
        var bytes = image.ClassicArchive();
        using var spool = new ContentSpool(_dir.Path);

        Assert.Null(await DockerSaveIndexer.BuildAsync(new OneWayStream(bytes), spool, _ => true, "export", _dir.Write("mixed.tar", bytes), CancellationToken.None));
        Assert.Null(await Slim.Analysis.Xray.XrayAnalyzer.AnalyzeExportAsync(new OneWayStream(bytes), "export", null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_big_blob_that_is_not_a_layer_is_passed_over()
    {
        // An OCI export may carry documents beside the image (an SBOM, provenance): big, streamed, not tars.
        var image = new TestImage().Layer(new TestTar().Directory("etc/").File("etc/a", "a"));
        var document = Encoding.UTF8.GetBytes("{\"sbom\":\"" + new string('x', 5 << 20) + "\"}");
        string Blob(byte[] content) => "blobs/sha256/" + Digest.Compute(content).Encoded;
        var bytes = TestTar.Archive(
            (Blob(document), document),
            (Blob(image.Layers[0].Blob), image.Layers[0].Blob),
            (Blob(image.Config), image.Config),
            ("manifest.json", Encoding.UTF8.GetBytes($"[{{\"Config\":\"{Blob(image.Config)}\",\"RepoTags\":null,\"Layers\":[\"{Blob(image.Layers[0].Blob)}\"]}}]")));
        using var spool = new ContentSpool(_dir.Path);

        var index = await DockerSaveIndexer.BuildAsync(new OneWayStream(bytes), spool, _ => false, "export", _dir.Write("sbom.tar", bytes), CancellationToken.None);
        var report = await Slim.Analysis.Xray.XrayAnalyzer.AnalyzeExportAsync(new OneWayStream(bytes), "export", null, null, CancellationToken.None);

        Assert.Equal(["etc", "etc/a"], index!.Files.Select(f => f.Path));
        Assert.Single(report!.Layers);
    }

    [Fact]
    public async Task A_layer_that_does_not_match_its_diff_id_fails()
    {
        var bytes = Sample().ClassicArchive();
        var at = Encoding.ASCII.GetString(bytes).IndexOf("aaaaaaaa", StringComparison.Ordinal);
        bytes[at] = (byte)'X';
        using var spool = new ContentSpool(_dir.Path);

        var e = await Assert.ThrowsAsync<ImageException>(() => DockerSaveIndexer.BuildAsync(new OneWayStream(bytes), spool, _ => true, "export", null, CancellationToken.None));

        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
    }

    private static async Task<string> ReadAsync(ContentSpool spool, IndexedFile file)
    {
        Assert.True(spool.Contains(file), file.Path);
        await using var stream = spool.Open(file);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
