using System.Formats.Tar;
using System.Text.RegularExpressions;
using Slim.Images.Archives;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Streams;

namespace Slim.Images.Copy;

/// <summary>
/// Copies a `docker save` stream (the engine's export) into a sink in one pass, without spooling: layers go straight into
/// the sink as they arrive (named by the digest computed on the way), small files are kept, and once manifest.json (which
/// comes last) is read, every layer's digest is checked against the config's diff_ids before the image is committed.
/// A compressed layer (the containerd image store exports layers as pulled) ends the pass early with no result: its digest
/// is not its diff_id, so the caller reads the export another way. That is a normal outcome, not a failure.
/// </summary>
public static partial class DockerSaveStreamCopy
{
    private const long SmallFileLimit = 32 << 20;

    // Content-addressed blobs (an OCI-layout export, Docker 25 and later) are layers unless they are small: configs and
    // manifests are JSON of a few KiB, and holding every layer under SmallFileLimit in memory would add up.
    private const long SmallBlobLimit = 4 << 20;

    /// <returns>
    /// The copy; null when the export holds a compressed layer. The sink may then hold some blobs already (complete ones,
    /// which a copy through the landed archive into the same sink skips) and nothing committed; the stream is left where
    /// the copy stopped.
    /// </returns>
    public static async Task<ImageCopyResult?> CopyAsync(Stream archive, IUnnamedBlobSink blobs, IImageSink sink, string description, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var written = new Dictionary<string, Descriptor>(StringComparer.Ordinal);
        var small = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = new TarReader(archive, leaveOpen: true))
        {
            (string Name, long Size)? last = null;
            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
                {
                    var after = last is { } l ? $" after entry '{l.Name}' (which claims {l.Size} bytes)" : "";
                    throw new ImageException(ImageErrorReason.InvalidFormat, description, $"{description}: the export stream is not a readable tar{after} (truncated or corrupt): {e.Message}", e);
                }

                if (entry is null)
                {
                    break;
                }

                var name = ArchivePath.Normalize(entry.Name, description);
                last = (name, entry.Length);
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        if (written.ContainsKey(name) || small.ContainsKey(name))
                        {
                            throw new ImageException(ImageErrorReason.DuplicateEntry, name, $"{description}: entry '{name}' appears more than once");
                        }

                        if (entry.Length <= (name.StartsWith("blobs/", StringComparison.Ordinal) ? SmallBlobLimit : SmallFileLimit) && !name.EndsWith(".tar", StringComparison.Ordinal))
                        {
                            var buffer = new MemoryStream((int)entry.Length);
                            if (entry.DataStream is { } data)
                            {
                                await data.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                            }

                            small[name] = buffer.ToArray();
                        }
                        else if (entry.DataStream is { } data)
                        {
                            // The blob is taken for a plain tar whose digest is its diff_id; a compressed one is not.
                            var head = new byte[4];
                            var got = await data.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                            if (IsCompressed(head.AsSpan(0, got)))
                            {
                                return null;
                            }

                            progress?.Report($"layer {name} ({entry.Length} bytes)");
                            await using var whole = new Streams.PrefixedStream(head.AsMemory(0, got), data, leaveOpen: true);
                            written[name] = await blobs.WriteUnnamedBlobAsync(MediaType.OciLayer, whole, entry.Length, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case TarEntryType.SymbolicLink:
                        links[name] = ArchivePath.Parent(name) is { Length: > 0 } parent ? parent + "/" + entry.LinkName : entry.LinkName;
                        break;
                    case TarEntryType.HardLink:
                        links[name] = entry.LinkName;
                        break;
                }
            }
        }

        string Resolve(string path)
        {
            for (var hops = 0; hops < 8 && ArchivePath.TryResolveWithin(path, out var normalized); hops++)
            {
                if (written.ContainsKey(normalized) || small.ContainsKey(normalized) || !links.TryGetValue(normalized, out var target))
                {
                    return normalized;
                }

                path = target;
            }

            throw new ImageException(ImageErrorReason.UnsafePath, path, $"{description}: '{path}' points out of the archive or in a loop");
        }

        var manifestJson = small.GetValueOrDefault("manifest.json")
            ?? throw new ImageException(ImageErrorReason.BlobMissing, "manifest.json", $"{description}: the export has no manifest.json");
        var entries = ImageJson.Parse(manifestJson, ImageJsonContext.Default.ListDockerArchiveManifestEntry, $"{description}: manifest.json");
        if (entries.Count != 1)
        {
            throw new ImageException(ImageErrorReason.AmbiguousImage, description, $"{description}: the export holds {entries.Count} images, expected one");
        }

        var image = entries[0];
        var configPath = Resolve(image.Config);
        var configBytes = small.GetValueOrDefault(configPath)
            ?? throw new ImageException(ImageErrorReason.BlobMissing, image.Config, $"{description}: manifest.json names config '{image.Config}', which is not in the export");
        var configDigest = Digest.Compute(configBytes);
        if (ContentAddressPattern().Match(configPath) is { Success: true } named && named.Groups[1].Value != configDigest.Encoded)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, image.Config, $"{description}: config '{image.Config}' does not match its digest (got {configDigest})");
        }

        var config = ImageJson.ParseConfig(configBytes, $"{description}: config {configDigest}");
        if (config.DiffIds.Count != image.Layers.Count)
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, description, $"{description}: manifest.json lists {image.Layers.Count} layers but the config {config.DiffIds.Count} diff_ids");
        }

        var layers = new List<Descriptor>();
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var path = Resolve(image.Layers[i]);
            Descriptor layer;
            if (written.TryGetValue(path, out var descriptor))
            {
                layer = descriptor;
            }
            else if (small.TryGetValue(path, out var bytes))
            {
                if (IsCompressed(bytes))
                {
                    return null;
                }

                layer = Descriptor.For(MediaType.OciLayer, bytes);
                await sink.WriteBlobAsync(layer, new MemoryStream(bytes), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new ImageException(ImageErrorReason.BlobMissing, image.Layers[i], $"{description}: manifest.json names layer '{image.Layers[i]}', which is not in the export");
            }

            if (layer.Digest != config.DiffIds[i])
            {
                throw new ImageException(ImageErrorReason.DigestMismatch, image.Layers[i],
                    $"{description}: layer {i} ('{image.Layers[i]}') does not match its digest: it hashes to {layer.Digest}, but the config's diff_id is {config.DiffIds[i]}");
            }

            layers.Add(layer);
        }

        var configDescriptor = new Descriptor { MediaType = MediaType.OciConfig, Digest = configDigest, Size = configBytes.Length };
        await sink.WriteBlobAsync(configDescriptor, new MemoryStream(configBytes), cancellationToken).ConfigureAwait(false);
        var manifest = new ImageManifest { MediaType = MediaType.OciManifest, Config = configDescriptor, Layers = layers };
        var manifestBytes = ImageJson.Serialize(manifest);
        var manifestDescriptor = Descriptor.For(MediaType.OciManifest, manifestBytes);
        var tag = (image.RepoTags ?? []).Select(t => ImageReference.TryParse(t, out var r) ? r : null).FirstOrDefault(r => r is not null);
        progress?.Report("writing manifest");
        await sink.CommitAsync(new ImageCommit(manifestDescriptor, manifestBytes, manifest, tag), cancellationToken).ConfigureAwait(false);
        return new ImageCopyResult(manifestDescriptor, configDigest, config.DiffIds);
    }

    /// <summary>A compressed layer's digest is not its diff_id, which a one-pass read cannot compute without unpacking it.</summary>
    private static bool IsCompressed(ReadOnlySpan<byte> head) => Layers.LayerStreams.Detect(head) != Layers.LayerCompression.None;

    /// <summary>
    /// Reads just the image's documents from a `docker save` stream, in one pass and without writing anything: layers are
    /// hashed on the way (their digests checked against the diff_ids), the config and manifest.json kept. Null when the
    /// export holds a compressed layer (see <see cref="CopyAsync"/>).
    /// </summary>
    public static async Task<Sources.SourceImage?> ReadImageAsync(Stream archive, string description, CancellationToken cancellationToken)
    {
        var capture = new CaptureSink();
        if (await CopyAsync(archive, capture, capture, description, null, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var commit = capture.Commit!;
        var config = capture.Documents[commit.Manifest.Config.Digest];
        return Sources.SourceImage.Create(commit.ManifestDescriptor, commit.ManifestBytes, commit.Manifest, config,
            commit.Name is null ? [] : [commit.Name.Familiar], description);
    }

    /// <summary>A sink that keeps small documents and the commit, and only hashes layers.</summary>
    private sealed class CaptureSink() : ExportReadingSink<bool>("memory")
    {
        protected override Task<bool> ReadLayerAsync(Stream tar, PassingBlob? passing, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    [GeneratedRegex(@"(?:^|/)(?:sha256/)?([a-f0-9]{64})(?:\.json)?$")]
    private static partial Regex ContentAddressPattern();
}
