using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Testing;

namespace Slim.Images.Tests.Sinks;

public sealed class DockerSaveStreamCopyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TestImage Sample() => new TestImage()
        .Layer(new TestTar().Directory("etc/").File("etc/a", new string('a', 4000)))
        .Layer(new TestTar().Whiteout("etc/a").File("etc/b", "b"));

    private static async Task<ImageCopyResult?> StreamAsync(byte[] archive, string destination)
    {
        await using var sink = ImageSinks.Open(ImageLocation.Parse(destination));
        return await DockerSaveStreamCopy.CopyAsync(new OneWayStream(archive), (IUnnamedBlobSink)sink, sink, "test export", null, CancellationToken.None);
    }

    [Theory]
    [InlineData("docker-archive", "s.tar")]
    [InlineData("oci-archive", "s.tar")]
    [InlineData("oci", "s")]
    public async Task A_stream_copy_writes_what_a_file_copy_writes(string transport, string name)
    {
        var image = Sample();
        var archive = image.ClassicArchive();
        var streamed = await StreamAsync(archive, $"{transport}:{_dir[name]}");
        Assert.NotNull(streamed);

        await using var source = ImageSources.Open(ImageLocation.Parse($"{transport}:{_dir[name]}"));
        var read = await source.GetImageAsync(CancellationToken.None);
        Assert.Equal(Digest.Compute(image.Config), read.ConfigDescriptor.Digest);
        Assert.Equal(read.Config.DiffIds, read.Layers.Select(l => l.Digest));
        Assert.Equal(streamed.Manifest.Digest, read.ManifestDescriptor.Digest);
        var index = await Slim.Rebuild.Index.FileIndex.BuildAsync(source, read, CancellationToken.None);
        Assert.Equal(["etc", "etc/b"], index.Files.Select(f => f.Path));

        if (transport == "docker-archive")
        {
            var input = _dir.Write("in.tar", archive);
            await using var fileSource = ImageSources.Open(ImageLocation.Parse("docker-archive:" + input));
            await using var sink = ImageSinks.Open(ImageLocation.Parse("docker-archive:" + _dir["f.tar"]));
            await ImageCopy.CopyAsync(fileSource, sink, null, CancellationToken.None);
            Assert.Equal(File.ReadAllBytes(_dir["f.tar"]).Length, File.ReadAllBytes(_dir[name]).Length);
        }
    }

    [Fact]
    public async Task A_layer_that_does_not_match_its_diff_id_fails_and_leaves_nothing()
    {
        var archive = Sample().ClassicArchive();
        var at = System.Text.Encoding.ASCII.GetString(archive).IndexOf("aaaaaaaa", StringComparison.Ordinal);
        archive[at] = (byte)'X';
        var output = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(output);

        var e = await Assert.ThrowsAsync<ImageException>(() => StreamAsync(archive, "docker-archive:" + Path.Combine(output, "x.tar")));

        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Compressed_layers_stop_the_copy_before_anything_is_written(bool ociNames)
    {
        // As an engine with the containerd image store exports them: gzip blobs whose digests are not their diff_ids.
        // Named <id>/layer.tar they stream by; named blobs/sha256/HEX and small, they wait in memory for manifest.json.
        var image = new TestImage().Layer(new TestTar().File("opt/x", "x"), TestTar.Gzip);
        string Blob(byte[] bytes) => "blobs/sha256/" + Digest.Compute(bytes).Encoded;
        var archive = ociNames
            ? TestTar.Archive(
                (Blob(image.Layers[0].Blob), image.Layers[0].Blob),
                (Blob(image.Config), image.Config),
                ("manifest.json", System.Text.Encoding.UTF8.GetBytes($"[{{\"Config\":\"{Blob(image.Config)}\",\"RepoTags\":null,\"Layers\":[\"{Blob(image.Layers[0].Blob)}\"]}}]")))
            : image.ClassicArchive();
        var output = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(output);

        Assert.Null(await StreamAsync(archive, "oci:" + Path.Combine(output, "layout")));

        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public async Task A_truncated_stream_fails()
    {
        var archive = Sample().ClassicArchive();
        await Assert.ThrowsAnyAsync<Exception>(() => StreamAsync(archive[..(archive.Length / 2)], "docker-archive:" + _dir["t.tar"]));
        Assert.False(File.Exists(_dir["t.tar"]));
    }
}
