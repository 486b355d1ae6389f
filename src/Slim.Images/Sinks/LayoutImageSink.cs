using System.Text.Json;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Sinks;

/// <summary>
/// Writes an OCI image layout (blobs by digest, index.json, oci-layout) through an <see cref="ILayoutWriter"/>; in the
/// docker-archive flavour also `docker save`'s manifest.json, so both `docker load` and OCI tools read the result.
/// </summary>
internal sealed class LayoutImageSink(ILayoutWriter writer, LayoutFlavor flavor, string description, ImageReference? dockerName, string? ociRefName) : IImageSink, IUnnamedBlobSink
{
    private readonly HashSet<Digest> _written = [];

    public string Description => description;

    public bool RequiresUncompressedLayers => flavor == LayoutFlavor.DockerArchive;

    public async Task WriteBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken)
    {
        var verified = VerifyingReadStream.Ensure(content, blob, $"blob {blob.Digest}");
        if (!Claim(blob.Digest))
        {
            await verified.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await writer.WriteFileAsync(BlobPath(blob.Digest), verified, blob.Size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A directory takes blobs side by side (each its own file); an archive is one stream, written in order.</summary>
    public bool TakesBlobsConcurrently => writer.TakesFilesConcurrently;

    /// <summary>True for the first writer of a digest; later ones only read their content through.</summary>
    private bool Claim(Digest digest)
    {
        lock (_written)
        {
            return _written.Add(digest);
        }
    }

    public bool CanWriteUnnamedBlobs => writer.CanWriteUnnamedBlobs;

    public async Task<Descriptor> WriteUnnamedBlobAsync(MediaType mediaType, Stream content, long size, CancellationToken cancellationToken)
    {
        var digest = await writer.WriteBlobAsync(content, size, d => !Claim(d), cancellationToken).ConfigureAwait(false);
        return new Descriptor { MediaType = mediaType, Digest = digest, Size = size };
    }

    public async Task CommitAsync(ImageCommit image, CancellationToken cancellationToken)
    {
        await WriteBlobAsync(image.ManifestDescriptor, new MemoryStream(image.ManifestBytes.ToArray()), cancellationToken).ConfigureAwait(false);
        var name = dockerName ?? image.Name;
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (flavor == LayoutFlavor.DockerArchive && name is not null)
        {
            annotations[Descriptor.ContainerdNameAnnotation] = name.ToString();
            if (name.Tag is not null)
            {
                annotations[Descriptor.RefNameAnnotation] = name.Tag;
            }
        }
        else if (ociRefName is not null)
        {
            annotations[Descriptor.RefNameAnnotation] = ociRefName;
        }

        var index = new ImageIndex
        {
            MediaType = MediaType.OciIndex,
            Manifests = [image.ManifestDescriptor with { Annotations = annotations.Count == 0 ? null : annotations, Platform = null }],
        };
        await WriteSmallAsync("index.json", ImageJson.Serialize(index), cancellationToken).ConfigureAwait(false);
        if (flavor == LayoutFlavor.DockerArchive)
        {
            List<DockerArchiveManifestEntry> entries =
            [
                new()
                {
                    Config = BlobPath(image.Manifest.Config.Digest),
                    RepoTags = name?.Tag is null ? null : [name.Familiar],
                    Layers = image.Manifest.Layers.Select(l => BlobPath(l.Digest)).ToList(),
                },
            ];
            await WriteSmallAsync("manifest.json", JsonSerializer.SerializeToUtf8Bytes(entries, ImageJsonContext.Default.ListDockerArchiveManifestEntry), cancellationToken).ConfigureAwait(false);
        }

        await WriteSmallAsync(OciLayoutFile.FileName, JsonSerializer.SerializeToUtf8Bytes(new OciLayoutFile(), ImageJsonContext.Default.OciLayoutFile), cancellationToken).ConfigureAwait(false);
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task WriteSmallAsync(string path, byte[] bytes, CancellationToken cancellationToken) =>
        writer.WriteFileAsync(path, new MemoryStream(bytes), bytes.Length, cancellationToken);

    private static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
