using System.Text.Json;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Testing;
using TestDocker = Slim.Testing.Docker;

namespace Slim.Cli.Tests.Images;

/// <summary>`slim copy` and `slim inspect` against the real engine, checked by tools we did not write: docker, skopeo, umoci.</summary>
[Integration]
[Collection(ImageEngineCollection.Name)]
public sealed class ImageTransportTests : IDisposable
{
    private const string Image = ImageEngineFixture.Image;
    private readonly string _dir = Directory.CreateTempSubdirectory("slim-images-it-").FullName;

    public ImageTransportTests(ImageEngineFixture fixture) => _ = fixture;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(string Id, string[] Layers)> EngineViewAsync(string image)
    {
        var result = (await TestDocker.RunAsync("image", "inspect", "--format", "{{.Id}} {{range .RootFS.Layers}}{{.}},{{end}}", image)).EnsureSuccess();
        var parts = result.StandardOutput.Trim().Split(' ');
        return (parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Copy_to_a_docker_archive_loads_back_with_the_same_config_digest_and_diff_ids()
    {
        var archive = Path.Combine(_dir, "a.tar");
        var tag = "slim-test/images-loaded:archive";
        (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker-archive:{archive}:{tag}")).EnsureSuccess();

        var load = (await TestDocker.RunAsync("load", "-i", archive)).EnsureSuccess();
        try
        {
            Assert.Contains(tag, load.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(await EngineViewAsync(Image), await EngineViewAsync(tag), new ViewComparer());
        }
        finally
        {
            await TestDocker.RunAsync("image", "rm", tag);
        }
    }

    [Fact]
    public async Task Copy_to_oci_is_read_by_skopeo_and_unpacked_by_umoci_into_the_containers_files()
    {
        var layout = Path.Combine(_dir, "layout");
        var copy = (await SlimRun.InvokeAsync("copy", Image, $"oci:{layout}:v1")).EnsureSuccess();

        var skopeo = (await ExternalCommand.RunAsync("skopeo", ["inspect", $"oci:{layout}:v1"])).EnsureSuccess();
        using var inspected = JsonDocument.Parse(skopeo.StandardOutput);
        Assert.Contains(inspected.RootElement.GetProperty("Digest").GetString()!, copy.Output, StringComparison.Ordinal);
        Assert.Equal((await EngineViewAsync(Image)).Layers.Length, inspected.RootElement.GetProperty("Layers").GetArrayLength());

        var bundle = Path.Combine(_dir, "bundle");
        (await ExternalCommand.RunAsync("umoci", ["unpack", "--image", $"{layout}:v1", bundle])).EnsureSuccess();
        var unpacked = await RootTree.ReadAsync(Path.Combine(bundle, "rootfs"));

        var exported = await ExportAsync(Image);
        foreach (var key in exported.Keys.Concat(unpacked.Keys).Where(k => Mounted(k) || k is ".dockerenv" or "etc/hostname" or "etc/hosts" or "etc/resolv.conf" or "etc/mtab").ToList())
        {
            exported.Remove(key);
            unpacked.Remove(key);
        }

        Assert.Equal(exported, unpacked);
        Assert.False(unpacked.ContainsKey("data/gone"));
        Assert.False(unpacked.ContainsKey("opq/old"));
        Assert.Equal("link /data/keep/a", unpacked["sym"]);
    }

    [Fact]
    public async Task The_file_index_is_the_containers_file_list()
    {
        var archive = Path.Combine(_dir, "a.tar");
        (await SlimRun.InvokeAsync("copy", Image, $"docker-archive:{archive}")).EnsureSuccess();
        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + archive));
        var image = await source.GetImageAsync(CancellationToken.None);
        var index = await FileIndex.BuildAsync(source, image, CancellationToken.None);

        var exported = await ExportAsync(Image);
        var expected = exported.Keys.Where(k => k is not (".dockerenv" or "etc/hostname" or "etc/hosts" or "etc/resolv.conf" or "etc/mtab") && !Mounted(k)).ToList();
        var actual = index.Files.Select(f => f.Path).Where(p => !Mounted(p)).ToList();
        Assert.Equal(expected, actual);

        var hardlink = index["hl-dst"]!;
        Assert.Equal(Slim.Images.Layers.LayerEntryKind.File, hardlink.Kind); // its first name was deleted: the link's layer now carries the bytes
    }

    [Fact]
    public async Task A_round_trip_daemon_oci_archive_daemon_keeps_the_diff_ids()
    {
        var tag = "slim-test/images-loaded:roundtrip";
        var layout = Path.Combine(_dir, "rt");
        var archive = Path.Combine(_dir, "rt.tar");
        (await SlimRun.InvokeAsync("copy", Image, $"oci:{layout}")).EnsureSuccess();
        (await SlimRun.InvokeAsync("copy", $"oci:{layout}", $"docker-archive:{archive}")).EnsureSuccess();
        (await SlimRun.InvokeAsync("copy", $"docker-archive:{archive}", $"docker-daemon:{tag}")).EnsureSuccess();
        try
        {
            Assert.Equal(await EngineViewAsync(Image), await EngineViewAsync(tag), new ViewComparer());
        }
        finally
        {
            await TestDocker.RunAsync("image", "rm", tag);
        }
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task Layers_compressed_by_skopeo_load_into_the_engine_with_the_same_diff_ids(string compression)
    {
        var plain = Path.Combine(_dir, "plain");
        var compressed = Path.Combine(_dir, "compressed");
        var tag = $"slim-test/images-loaded:{compression}";
        (await SlimRun.InvokeAsync("copy", Image, $"oci:{plain}:v1")).EnsureSuccess();
        (await ExternalCommand.RunAsync("skopeo", ["copy", "-q", "--dest-compress", "--dest-compress-format", compression, $"oci:{plain}:v1", $"oci:{compressed}:v1"])).EnsureSuccess();

        var inspect = (await SlimRun.InvokeAsync("inspect", "--json", "--files", $"oci:{compressed}:v1")).EnsureSuccess();
        Assert.Contains($"tar+{compression}", inspect.Output, StringComparison.Ordinal);
        (await SlimRun.InvokeAsync("copy", $"oci:{compressed}:v1", $"docker-daemon:{tag}")).EnsureSuccess();
        try
        {
            Assert.Equal(await EngineViewAsync(Image), await EngineViewAsync(tag), new ViewComparer());
        }
        finally
        {
            await TestDocker.RunAsync("image", "rm", tag);
        }
    }

    [Fact]
    public async Task Inspect_prints_the_engine_image_id_and_config_as_json()
    {
        var run = (await SlimRun.InvokeAsync("inspect", "--json", Image)).EnsureSuccess();
        using var json = JsonDocument.Parse(run.Output);
        var (id, layers) = await EngineViewAsync(Image);
        Assert.Equal(id, json.RootElement.GetProperty("ConfigDigest").GetString());
        Assert.Equal(layers, json.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetProperty("DiffId").GetString()!).ToArray());
        Assert.Contains("SLIM_TEST=1", json.RootElement.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/data", json.RootElement.GetProperty("WorkingDir").GetString());

        var table = (await SlimRun.InvokeAsync("inspect", Image)).EnsureSuccess();
        Assert.Contains(id, table.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect", "slim-test/does-not-exist:1")]
    [InlineData("inspect", "docker-archive:/nonexistent/a.tar")]
    [InlineData("inspect", "Not A Reference")]
    [InlineData("copy", "containers-storage:busybox", "oci:/tmp/x")]
    public async Task Failures_are_one_line_and_a_non_zero_exit(params string[] args)
    {
        var run = await SlimRun.InvokeAsync(args);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_debug_a_failure_shows_the_stack_trace()
    {
        var run = await SlimRun.InvokeAsync("inspect", "--debug", "slim-test/does-not-exist:1");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_load_into_the_engine_tags_nothing()
    {
        // an archive whose layer content is corrupt: the copy fails mid-stream, the engine must not get the tag
        var archive = Path.Combine(_dir, "good.tar");
        (await SlimRun.InvokeAsync("copy", Image, $"docker-archive:{archive}")).EnsureSuccess();
        var bytes = await File.ReadAllBytesAsync(archive);
        var at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("later\n", StringComparison.Ordinal);
        bytes[at] = (byte)'L';
        var broken = Path.Combine(_dir, "broken.tar");
        await File.WriteAllBytesAsync(broken, bytes);
        var tag = "slim-test/images-loaded:broken";

        var run = await SlimRun.InvokeAsync("copy", $"docker-archive:{broken}", $"docker-daemon:{tag}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("digest", run.Error, StringComparison.Ordinal);
        Assert.False(await TestDocker.ImageExistsAsync(tag));
    }

    /// <summary>Paths the engine creates in every container (mount points), not the image's.</summary>
    private static bool Mounted(string path) =>
        path is "dev" or "proc" or "sys" || path.StartsWith("dev/", StringComparison.Ordinal) || path.StartsWith("proc/", StringComparison.Ordinal) || path.StartsWith("sys/", StringComparison.Ordinal);

    private async Task<SortedDictionary<string, string>> ExportAsync(string image)
    {
        var id = (await TestDocker.RunAsync("create", image)).EnsureSuccess().StandardOutput.Trim();
        try
        {
            var tar = Path.Combine(_dir, "export.tar");
            (await TestDocker.RunAsync("export", "-o", tar, id)).EnsureSuccess();
            var root = Path.Combine(_dir, "export");
            Directory.CreateDirectory(root);
            (await ExternalCommand.RunAsync("tar", ["-xpf", tar, "-C", root, "--numeric-owner"])).EnsureSuccess();
            return await RootTree.ReadAsync(root);
        }
        finally
        {
            await TestDocker.RunAsync("rm", "-f", id);
        }
    }

    private sealed class ViewComparer : IEqualityComparer<(string Id, string[] Layers)>
    {
        public bool Equals((string Id, string[] Layers) x, (string Id, string[] Layers) y) => x.Id == y.Id && x.Layers.SequenceEqual(y.Layers);

        public int GetHashCode((string Id, string[] Layers) obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
