using Slim.Images;
using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Testing;

namespace Slim.Images.Tests.Sources;

public sealed class DockerArchiveSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TestImage TwoLayers() => new TestImage()
        .Layer(new TestTar().Directory("etc/").File("etc/hostname", "base\n").File("bin/tool", "#!/bin/sh\n"))
        .Layer(new TestTar().File("etc/hostname", "top\n"), TestTar.Gzip);

    [Fact]
    public async Task A_classic_archive_gives_its_config_layers_and_tags()
    {
        var image = TwoLayers();
        var path = _dir.Write("a.tar", image.ClassicArchive());

        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + path));
        var read = await source.GetImageAsync(CancellationToken.None);

        Assert.Equal(Digest.Compute(image.Config), read.ConfigDescriptor.Digest);
        Assert.Equal(["example.com/test:1"], read.Names);
        Assert.Equal(2, read.Layers.Count);
        Assert.Equal(MediaType.OciLayer, read.Layers[0].MediaType);
        Assert.Equal(MediaType.OciLayerGzip, read.Layers[1].MediaType);
        Assert.Equal(Digest.Compute(image.Layers[1].Blob), read.Layers[1].Digest);
        Assert.Equal(["PATH=/usr/bin:/bin"], read.Config.Config!.Env);
    }

    [Fact]
    public async Task Layers_read_as_tar_whatever_their_compression()
    {
        var image = new TestImage()
            .Layer(new TestTar().File("a", "1"))
            .Layer(new TestTar().File("b", "2"), TestTar.Gzip)
            .Layer(new TestTar().File("c", "3"), TestTar.Zstd, MediaType.OciLayerZstd);
        var path = _dir.Write("a.tar", image.ClassicArchive());

        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + path));
        var read = await source.GetImageAsync(CancellationToken.None);
        var index = await FileIndex.BuildAsync(source, read, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], index.Files.Select(f => f.Path));
        Assert.Equal([0, 1, 2], index.Files.Select(f => f.Layer));
        Assert.Equal(MediaType.OciLayerZstd, read.Layers[2].MediaType);
    }

    [Fact]
    public async Task A_reference_picks_the_image_and_a_wrong_one_is_refused()
    {
        var path = _dir.Write("a.tar", TwoLayers().ClassicArchive("example.com/test:1"));

        await using (var named = ImageSources.Open(ImageLocation.Parse($"docker-archive:{path}:example.com/test:1")))
        {
            Assert.Equal(2, (await named.GetImageAsync(CancellationToken.None)).Layers.Count);
        }

        await using var wrong = ImageSources.Open(ImageLocation.Parse($"docker-archive:{path}:other:1"));
        var e = await Assert.ThrowsAsync<ImageException>(() => wrong.GetImageAsync(CancellationToken.None));
        Assert.Equal(ImageErrorReason.ImageNotFound, e.Detail);
    }

    [Fact]
    public async Task An_oci_layout_is_read_with_its_exact_manifest()
    {
        var image = TwoLayers();
        var dir = image.OciLayout(_dir["layout"], "v1");

        await using var source = ImageSources.Open(ImageLocation.Parse($"oci:{dir}:v1"));
        var read = await source.GetImageAsync(CancellationToken.None);

        Assert.Equal(Digest.Compute(image.Manifest), read.ManifestDescriptor.Digest);
        Assert.Equal(image.Manifest, read.ManifestBytes.ToArray());
    }

    [Fact]
    public async Task An_index_picks_linux_amd64_by_default_and_platform_on_request()
    {
        var amd = new TestImage().Layer(new TestTar().File("amd", "x"));
        var dir = amd.OciLayout(_dir["layout"]);
        var arm = new TestImage().Layer(new TestTar().File("arm", "y"));
        var armDir = arm.OciLayout(_dir["arm"]);
        foreach (var blob in Directory.GetFiles(Path.Combine(armDir, "blobs", "sha256")))
        {
            File.Copy(blob, Path.Combine(dir, "blobs", "sha256", Path.GetFileName(blob)), overwrite: true);
        }

        var index = $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaType.OciIndex}\",\"manifests\":["
            + $"{{\"mediaType\":\"{MediaType.OciManifest}\",\"digest\":\"{Digest.Compute(arm.Manifest)}\",\"size\":{arm.Manifest.Length},\"platform\":{{\"os\":\"linux\",\"architecture\":\"arm64\"}}}},"
            + $"{{\"mediaType\":\"{MediaType.OciManifest}\",\"digest\":\"{Digest.Compute(amd.Manifest)}\",\"size\":{amd.Manifest.Length},\"platform\":{{\"os\":\"linux\",\"architecture\":\"amd64\"}}}}]}}";
        File.WriteAllText(Path.Combine(dir, "index.json"), index);

        await using (var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir)))
        {
            Assert.Equal(Digest.Compute(amd.Config), (await source.GetImageAsync(CancellationToken.None)).ConfigDescriptor.Digest);
        }

        await using (var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir), Platform.Parse("linux/arm64")))
        {
            Assert.Equal(Digest.Compute(arm.Config), (await source.GetImageAsync(CancellationToken.None)).ConfigDescriptor.Digest);
        }

        await using (var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir), Platform.Parse("linux/s390x")))
        {
            var e = await Assert.ThrowsAsync<ImageException>(() => source.GetImageAsync(CancellationToken.None));
            Assert.Equal(ImageErrorReason.PlatformNotFound, e.Detail);
            Assert.Contains("linux/arm64", e.Message, StringComparison.Ordinal);
        }
    }
}
