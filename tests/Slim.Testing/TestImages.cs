using System.Text;
using Slim.Images.Model;

namespace Slim.Testing;

/// <summary>Hand-made images: layers (as blobs) plus a config, packed as a classic `docker save` archive or an OCI layout.</summary>
public sealed class TestImage
{
    public List<(byte[] Blob, byte[] Tar, MediaType MediaType)> Layers { get; } = [];

    public string[] Env { get; init; } = ["PATH=/usr/bin:/bin"];

    /// <summary>The config's history, one created_by per step (they are JSON-escaped, nothing else).</summary>
    public string[] History { get; init; } = ["test"];

    public TestImage Layer(TestTar tar, Func<byte[], byte[]>? compress = null, MediaType? mediaType = null)
    {
        var bytes = tar.ToBytes();
        Layers.Add((compress is null ? bytes : compress(bytes), bytes, mediaType ?? (compress is null ? MediaType.OciLayer : MediaType.OciLayerGzip)));
        return this;
    }

    public byte[] Config => Encoding.UTF8.GetBytes(
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[" + string.Join(',', Env.Select(e => $"\"{e}\"")) + "],\"Cmd\":[\"/bin/sh\"],\"ExposedPorts\":{\"80/tcp\":{}}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + string.Join(',', Layers.Select(l => $"\"{Digest.Compute(l.Tar)}\"")) + "]},"
        + "\"history\":[" + string.Join(',', History.Select(h => "{\"created_by\":" + System.Text.Json.JsonSerializer.Serialize(h) + "}")) + "]}");

    public byte[] Manifest => ImageJson.Serialize(new ImageManifest
    {
        MediaType = MediaType.OciManifest,
        Config = Descriptor.For(MediaType.OciConfig, Config),
        Layers = Layers.Select(l => Descriptor.For(l.MediaType, l.Blob)).ToList(),
    });

    /// <summary>The classic `docker save` shape: &lt;id&gt;/layer.tar, &lt;config&gt;.json, manifest.json.</summary>
    public byte[] ClassicArchive(string? tag = "example.com/test:1", Func<string, string>? editManifest = null)
    {
        var config = Config;
        var configName = Digest.Compute(config).Encoded + ".json";
        var files = new List<(string, byte[])>();
        var layerPaths = new List<string>();
        for (var i = 0; i < Layers.Count; i++)
        {
            var path = $"{i:x64}/layer.tar";
            files.Add((path, Layers[i].Blob));
            layerPaths.Add(path);
        }

        files.Add((configName, config));
        var manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":" + (tag is null ? "null" : $"[\"{tag}\"]") + ",\"Layers\":[" + string.Join(',', layerPaths.Select(p => $"\"{p}\"")) + "]}]";
        files.Add(("manifest.json", Encoding.UTF8.GetBytes(editManifest?.Invoke(manifest) ?? manifest)));
        return TestTar.Archive([.. files]);
    }

    /// <summary>An OCI layout packed as a tar (oci-archive:), with blob bytes optionally replaced after the manifest named them.</summary>
    public byte[] OciArchive(Func<int, byte[], byte[]>? editLayerBlob = null)
    {
        var files = new List<(string, byte[])>();
        for (var i = 0; i < Layers.Count; i++)
        {
            files.Add(($"blobs/sha256/{Digest.Compute(Layers[i].Blob).Encoded}", editLayerBlob?.Invoke(i, Layers[i].Blob) ?? Layers[i].Blob));
        }

        var config = Config;
        files.Add(($"blobs/sha256/{Digest.Compute(config).Encoded}", config));
        var manifest = Manifest;
        files.Add(($"blobs/sha256/{Digest.Compute(manifest).Encoded}", manifest));
        files.Add(("index.json", Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"{MediaType.OciManifest}\",\"digest\":\"{Digest.Compute(manifest)}\",\"size\":{manifest.Length}}}]}}")));
        files.Add(("oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}")));
        return TestTar.Archive([.. files]);
    }

    /// <summary>An OCI layout in a directory.</summary>
    public string OciLayout(string directory, string? refName = null)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        void Blob(byte[] bytes) => File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", Digest.Compute(bytes).Encoded), bytes);
        foreach (var layer in Layers)
        {
            Blob(layer.Blob);
        }

        Blob(Config);
        var manifest = Manifest;
        Blob(manifest);
        var annotations = refName is null ? "" : $",\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{refName}\"}}";
        File.WriteAllText(Path.Combine(directory, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"{MediaType.OciManifest}\",\"digest\":\"{Digest.Compute(manifest)}\",\"size\":{manifest.Length}{annotations}}}]}}");
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return directory;
    }
}
