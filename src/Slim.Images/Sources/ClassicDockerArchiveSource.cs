using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Images.Model;

namespace Slim.Images.Sources;

/// <summary>
/// A `docker save` archive read through its <c>manifest.json</c> (the classic layout: <c>&lt;id&gt;/layer.tar</c>,
/// <c>&lt;config&gt;.json</c>). It holds no manifest blob, so one is made: OCI media types, layers as stored.
/// </summary>
internal sealed partial class ClassicDockerArchiveSource(IFileTree tree, string description, ImageReference? wanted)
    : FileTreeImageSource(tree, description)
{
    private readonly Dictionary<Digest, string> _blobPaths = [];

    protected override string BlobPath(Descriptor blob) =>
        _blobPaths.TryGetValue(blob.Digest, out var path) ? path : base.BlobPath(blob);

    protected override async Task<SourceImage> ReadImageAsync(CancellationToken cancellationToken)
    {
        var bytes = await ReadSmallFileAsync("manifest.json", cancellationToken).ConfigureAwait(false);
        var entries = ImageJson.Parse(bytes, ImageJsonContext.Default.ListDockerArchiveManifestEntry, $"{Description}: manifest.json");
        var entry = Choose(entries);

        var configBytes = await ReadSmallFileAsync(entry.Config, cancellationToken).ConfigureAwait(false);
        var configDigest = Digest.Compute(configBytes);
        if (ContentAddress(entry.Config) is { } named && named != configDigest.Encoded)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, entry.Config,
                $"{Description}: config '{entry.Config}' does not match its digest (got {configDigest})");
        }

        var config = ImageJson.ParseConfig(configBytes, $"{Description}: {entry.Config}");
        if (config.DiffIds.Count != entry.Layers.Count)
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, Description,
                $"{Description}: manifest.json lists {entry.Layers.Count} layers but the config {config.DiffIds.Count} diff_ids");
        }

        var layers = new List<Descriptor>();
        for (var i = 0; i < entry.Layers.Count; i++)
        {
            layers.Add(await DescribeLayerAsync(entry.Layers[i], config.DiffIds[i], cancellationToken).ConfigureAwait(false));
        }

        var manifest = new ImageManifest
        {
            MediaType = MediaType.OciManifest,
            Config = new Descriptor { MediaType = MediaType.OciConfig, Digest = configDigest, Size = configBytes.Length },
            Layers = layers,
        };
        _blobPaths[configDigest] = entry.Config;
        var manifestBytes = ImageJson.Serialize(manifest);
        return SourceImage.Create(Descriptor.For(MediaType.OciManifest, manifestBytes), manifestBytes, manifest, configBytes, entry.RepoTags ?? [], Description);
    }

    private DockerArchiveManifestEntry Choose(List<DockerArchiveManifestEntry> entries)
    {
        if (entries.Count == 0)
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, Description, $"{Description}: manifest.json lists no image");
        }

        if (wanted is null)
        {
            return entries.Count == 1
                ? entries[0]
                : throw new ImageException(ImageErrorReason.AmbiguousImage, Description,
                    $"{Description} holds {entries.Count} images; name one: docker-archive:PATH:REF ({string.Join(", ", entries.SelectMany(e => e.RepoTags ?? []))})");
        }

        return entries.FirstOrDefault(e => (e.RepoTags ?? []).Any(t => ImageReference.TryParse(t, out var r) && r == wanted))
            ?? throw new ImageException(ImageErrorReason.ImageNotFound, wanted.Familiar, $"{Description} holds no image tagged {wanted.Familiar}");
    }

    private async Task<Descriptor> DescribeLayerAsync(string path, Digest diffId, CancellationToken cancellationToken)
    {
        if (!Tree.TryGetSize(path, out var size))
        {
            throw new ImageException(ImageErrorReason.BlobMissing, path, $"{Description}: manifest.json names layer '{path}', which is not in the archive");
        }

        var head = new byte[4];
        await using (var stream = Tree.Open(path))
        {
            _ = await stream.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var compression = LayerStreams.Detect(head);
        Digest digest;
        if (ContentAddress(path) is { } hex && Digest.TryParse("sha256:" + hex, out var named))
        {
            digest = named;
        }
        else if (compression == LayerCompression.None)
        {
            digest = diffId; // a plain tar's digest is its diff_id; the read checks it
        }
        else
        {
            await using var stream = Tree.Open(path);
            digest = Digest.FromSha256(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        _blobPaths[digest] = path;
        return new Descriptor { MediaType = MediaType.OciLayerFor(compression), Digest = digest, Size = size };
    }

    /// <summary>The hex a content-addressed path names (<c>blobs/sha256/HEX</c>, <c>HEX.json</c>), if any.</summary>
    private static string? ContentAddress(string path)
    {
        var match = ContentAddressPattern().Match(path);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"(?:^|/)(?:sha256/)?([a-f0-9]{64})(?:\.json|\.tar)?$")]
    private static partial Regex ContentAddressPattern();

}
