using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Rebuild.Writing;
using Slim.Testing;

namespace Slim.Rebuild.Tests.Writing;

/// <summary>
/// Reproducibility of the slim layer and image: the same original and selection give the same digests whatever the order
/// the selection lists its paths in, and a change of metadata changes them.
/// </summary>
public sealed class SlimWritersReproducibilityTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Data = (UnixFileMode)0b110_100_100;

    private static readonly string[] Kept = ["/app", "/app/run", "/app/data", "/app/same", "/lib", "/usr", "/usr/lib", "/usr/lib/x.so"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_slim_layer_written_twice_has_one_digest()
    {
        var first = await WriteLayerAsync(Original(Executable), Kept);
        var second = await WriteLayerAsync(Original(Executable), Kept);

        Assert.Equal(first.DiffId, second.DiffId);
        Assert.Equal(first.Descriptor.Digest, second.Descriptor.Digest);
        Assert.Equal(Kept.Length, first.EntryCount);
    }

    [Fact]
    public async Task The_order_of_the_selection_does_not_change_the_slim_layer()
    {
        var sorted = await WriteLayerAsync(Original(Executable), Kept);
        var reversed = await WriteLayerAsync(Original(Executable), Kept.Reverse().ToArray());

        Assert.Equal(sorted.DiffId, reversed.DiffId);
    }

    [Fact]
    public async Task A_different_mode_changes_the_slim_layer()
    {
        var executable = await WriteLayerAsync(Original(Executable), Kept);
        var data = await WriteLayerAsync(Original(Data), Kept);

        Assert.NotEqual(executable.DiffId, data.DiffId);
    }

    [Fact]
    public async Task The_slim_image_written_twice_and_from_either_order_has_one_manifest_digest()
    {
        var first = await WriteImageAsync(Original(Executable), Kept, "one");
        var second = await WriteImageAsync(Original(Executable), Kept.Reverse().ToArray(), "two");

        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
        Assert.Equal(first.ConfigDigest, second.ConfigDigest);
    }

    [Fact]
    public async Task A_different_creation_time_or_mode_changes_the_slim_image()
    {
        var plain = await WriteImageAsync(Original(Executable), Kept, "plain");
        var later = await WriteImageAsync(Original(Executable), Kept, "later", created: DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var data = await WriteImageAsync(Original(Data), Kept, "data");

        Assert.NotEqual(plain.ManifestDigest, later.ManifestDigest);
        Assert.Equal(plain.DiffId, later.DiffId); // the time is the config's, not the layer's
        Assert.NotEqual(plain.ManifestDigest, data.ManifestDigest);
        Assert.NotEqual(plain.DiffId, data.DiffId);
    }

    private static TestTar Original(UnixFileMode mode) => new TestTar()
        .Directory("app").Directory("usr").Directory("usr/lib")
        .File("app/run", "#!/bin/sh\n", mode)
        .File("app/data", "data")
        .Hardlink("app/same", "app/data")
        .File("usr/lib/x.so", "elf")
        .Symlink("lib", "usr/lib")
        .File("app/unkept", "left out");

    private async Task<WrittenLayer> WriteLayerAsync(TestTar tar, string[] kept)
    {
        var (written, _) = await WriteAsync(tar, kept, null, null);
        return written;
    }

    private async Task<SlimImage> WriteImageAsync(TestTar tar, string[] kept, string name, DateTimeOffset? created = null)
    {
        var (_, image) = await WriteAsync(tar, kept, name, created);
        return image!;
    }

    private async Task<(WrittenLayer Layer, SlimImage? Image)> WriteAsync(TestTar tar, string[] kept, string? imageName, DateTimeOffset? created)
    {
        var run = Guid.NewGuid().ToString("N");
        var archive = _dir.Write($"original-{run}.tar", new TestImage().Layer(tar).ClassicArchive());
        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + archive));
        var original = await source.GetImageAsync(CancellationToken.None);
        if (created is { } time)
        {
            original = original with { Config = original.Config with { Created = time } };
        }

        var tree = new ImageTree(await FileIndex.BuildAsync(source, original, CancellationToken.None));
        using var spool = new ContentSpool(_dir.Path);
        var selection = new FileSelection(kept.ToDictionary(p => p, _ => SelectionReason.Traced), [], []);
        var layerPath = Path.Combine(_dir.Path, $"layer-{run}.tar");
        WrittenLayer layer;
        await using (var output = File.Create(layerPath))
        {
            layer = await SlimLayerBuilder.WriteAsync(source, original, tree, selection, spool, output, LayerCompression.None, CancellationToken.None);
        }

        if (imageName is null)
        {
            return (layer, null);
        }

        await using var sink = ImageSinks.Open(ImageLocation.Parse("oci:" + Path.Combine(_dir.Path, imageName)));
        var image = await SlimImageWriter.WriteAsync(
            original, original.Config.Config ?? new ContainerConfig(), layer, () => File.OpenRead(layerPath), sink, null, CancellationToken.None);
        return (layer, image);
    }
}
