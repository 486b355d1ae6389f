using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Testing;

namespace Slim.Images.Tests.Sinks;

public sealed class ImageCopyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TestImage Sample() => new TestImage()
        .Layer(new TestTar().Directory("etc/").File("etc/a", "1").File("etc/b", "2").Symlink("etc/link", "a"))
        .Layer(new TestTar().Whiteout("etc/a").File("etc/c", new string('c', 3000)), TestTar.Gzip)
        .Layer(new TestTar().File("zz", "z"), TestTar.Zstd, MediaType.OciLayerZstd);

    private static async Task<ImageCopyResult> CopyAsync(string from, string to)
    {
        await using var source = ImageSources.Open(ImageLocation.Parse(from));
        await using var sink = ImageSinks.Open(ImageLocation.Parse(to));
        return await ImageCopy.CopyAsync(source, sink, null, CancellationToken.None);
    }

    private static async Task<(SourceImage Image, FileIndex Index)> ReadAsync(string location)
    {
        await using var source = ImageSources.Open(ImageLocation.Parse(location));
        var image = await source.GetImageAsync(CancellationToken.None);
        return (image, await FileIndex.BuildAsync(source, image, CancellationToken.None));
    }

    [Fact]
    public async Task Docker_archive_output_has_plain_layers_and_the_same_config_and_diff_ids()
    {
        var image = Sample();
        var input = _dir.Write("in.tar", image.ClassicArchive());

        await CopyAsync("docker-archive:" + input, $"docker-archive:{_dir["out.tar"]}:example.com/copied:2");
        var (copy, index) = await ReadAsync($"docker-archive:{_dir["out.tar"]}:example.com/copied:2");

        Assert.Equal(Digest.Compute(image.Config), copy.ConfigDescriptor.Digest);
        Assert.Equal(image.Layers.Select(l => Digest.Compute(l.Tar)), copy.Config.DiffIds);
        Assert.All(copy.Layers, l => Assert.Equal(MediaType.OciLayer, l.MediaType));
        Assert.Equal(copy.Config.DiffIds, copy.Layers.Select(l => l.Digest));
        Assert.Equal(["etc", "etc/b", "etc/c", "etc/link", "zz"], index.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task Oci_to_oci_keeps_the_manifest_and_compressed_blobs_byte_for_byte()
    {
        var image = Sample();
        var layout = image.OciLayout(_dir["layout"]);

        var result = await CopyAsync("oci:" + layout, $"oci-archive:{_dir["o.tar"]}:v1");
        await CopyAsync($"oci-archive:{_dir["o.tar"]}:v1", "oci:" + _dir["again"]);

        Assert.Equal(Digest.Compute(image.Manifest), result.Manifest.Digest);
        var (copy, _) = await ReadAsync("oci:" + _dir["again"]);
        Assert.Equal(image.Manifest, copy.ManifestBytes.ToArray());
    }

    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-archive")]
    public async Task The_same_input_gives_the_same_bytes(string transport)
    {
        var input = _dir.Write("in.tar", Sample().ClassicArchive());

        await CopyAsync("docker-archive:" + input, $"{transport}:{_dir["one.tar"]}");
        await CopyAsync("docker-archive:" + input, $"{transport}:{_dir["two.tar"]}");

        Assert.Equal(File.ReadAllBytes(_dir["one.tar"]), File.ReadAllBytes(_dir["two.tar"]));
    }

    [Fact]
    public async Task A_round_trip_through_every_format_keeps_digests()
    {
        var image = Sample();
        var input = _dir.Write("in.tar", image.ClassicArchive());

        await CopyAsync("docker-archive:" + input, "oci:" + _dir["l1"]);
        await CopyAsync("oci:" + _dir["l1"], "oci-archive:" + _dir["a1.tar"]);
        await CopyAsync("oci-archive:" + _dir["a1.tar"], "docker-archive:" + _dir["d1.tar"]);
        var last = await CopyAsync("docker-archive:" + _dir["d1.tar"], "docker-archive:" + _dir["d2.tar"]);

        Assert.Equal(Digest.Compute(image.Config), last.ConfigDigest);
        Assert.Equal(image.Layers.Select(l => Digest.Compute(l.Tar)), last.DiffIds);
        Assert.Equal(File.ReadAllBytes(_dir["d1.tar"]), File.ReadAllBytes(_dir["d2.tar"]));
    }

    [Theory]
    [InlineData("docker-archive", "out.tar")]
    [InlineData("oci-archive", "out.tar")]
    [InlineData("oci", "out")]
    public async Task A_failed_copy_leaves_nothing_behind(string transport, string name)
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1")).Layer(new TestTar().File("b", new string('b', 2000)));
        var archive = image.ClassicArchive();
        // corrupt the second layer's content: its digest (= diff_id) check fails mid-copy
        var at = System.Text.Encoding.ASCII.GetString(archive).LastIndexOf("bbbbbbbb", StringComparison.Ordinal);
        archive[at] = (byte)'X';
        var input = _dir.Write("in.tar", archive);
        var output = Path.Combine(_dir.Path, "outdir");
        Directory.CreateDirectory(output);

        var e = await Assert.ThrowsAsync<ImageException>(() => CopyAsync("docker-archive:" + input, $"{transport}:{Path.Combine(output, name)}"));

        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Theory]
    [InlineData("oci-archive", "o.tar")]
    [InlineData("oci", "o")]
    public async Task A_compressed_layer_whose_content_is_not_its_diff_id_is_refused_even_when_kept_compressed(string transport, string name)
    {
        var image = new TestImage();
        var shipped = new TestTar().File("a", "what is really there").ToBytes();
        var claimed = new TestTar().File("a", "what the config claims").ToBytes();
        image.Layers.Add((TestTar.Gzip(shipped), claimed, MediaType.OciLayerGzip));
        var layout = image.OciLayout(_dir["layout"]);
        var output = Path.Combine(_dir.Path, "outdir");
        Directory.CreateDirectory(output);

        var e = await Assert.ThrowsAsync<ImageException>(() => CopyAsync("oci:" + layout, $"{transport}:{Path.Combine(output, name)}"));

        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Contains("diff_id", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task A_non_empty_directory_is_not_overwritten()
    {
        var input = _dir.Write("in.tar", Sample().ClassicArchive());
        Directory.CreateDirectory(_dir["busy"]);
        File.WriteAllText(Path.Combine(_dir["busy"], "precious"), "keep me");

        var e = await Assert.ThrowsAsync<ImageException>(() => CopyAsync("docker-archive:" + input, "oci:" + _dir["busy"]));

        Assert.Equal(ImageErrorReason.OutputRefused, e.Detail);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(_dir["busy"], "precious")));
    }

    [Fact]
    public async Task Cancelling_a_copy_leaves_nothing_behind()
    {
        var input = _dir.Write("in.tar", Sample().ClassicArchive());
        var output = Path.Combine(_dir.Path, "outdir");
        Directory.CreateDirectory(output);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await using (var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + input)))
        await using (var sink = ImageSinks.Open(ImageLocation.Parse("docker-archive:" + Path.Combine(output, "x.tar"))))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImageCopy.CopyAsync(source, sink, null, cancel.Token));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }
}
