using Slim.Images.Model;
using Slim.Images.Sources;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// An image in a registry: the manifest (through an index when the tag names one, <c>--platform</c> choosing) and the config
/// are fetched and checked by digest; layers are streamed from the registry on demand, checked as they are read, never landed.
/// </summary>
public sealed class RegistryImageSource(RegistryClient client, RegistryLocation location, Platform? platform) : IImageSource
{
    private SourceImage? _image;

    public string Description => location.ToString();

    public RegistryLocation Location => location;

    /// <summary>Each blob is its own HTTP request.</summary>
    public bool ServesBlobsConcurrently => true;

    /// <summary>The index the reference named, when it named one (read by <see cref="GetImageAsync"/>); null for a single manifest.</summary>
    public ImageIndex? Index { get; private set; }

    /// <summary>The index's own descriptor (its digest is what a multi-platform tag points at).</summary>
    public Descriptor? IndexDescriptor { get; private set; }

    internal RegistryClient Client => client;

    public async Task<SourceImage> GetImageAsync(CancellationToken cancellationToken)
    {
        if (_image is not null)
        {
            return _image;
        }

        var wanted = platform ?? Platform.LinuxAmd64;
        var (bytes, type, digest) = await client.GetManifestAsync(location.Repository, location.ManifestReference, cancellationToken).ConfigureAwait(false);
        var subject = $"{Description}: manifest {digest}";
        if (type.IsIndex)
        {
            var index = ImageJson.ParseIndex(bytes, subject);
            Index = index;
            IndexDescriptor = new Descriptor { MediaType = type, Digest = digest, Size = bytes.Length };
            var matches = index.Manifests.Where(m => wanted.Accepts(m.Platform)).ToList();
            if (matches.Count == 0)
            {
                var available = string.Join(", ", index.Manifests.Select(m => m.Platform?.ToString() ?? "unknown").Distinct());
                throw new ImageException(ImageErrorReason.PlatformNotFound, Description,
                    $"{Description} has no image for {wanted} (available: {available}); choose one with --platform");
            }

            var chosen = matches[0];
            (bytes, type, digest) = await client.GetManifestAsync(location.Repository, chosen.Digest.ToString(), cancellationToken).ConfigureAwait(false);
            subject = $"{Description}: manifest {digest}";
            if (type.IsIndex)
            {
                throw new ImageException(ImageErrorReason.UnsupportedMediaType, subject, $"{subject} is an index inside an index, which slim does not follow");
            }
        }

        if (!type.IsManifest)
        {
            throw new ImageException(ImageErrorReason.UnsupportedMediaType, subject,
                $"{subject} has media type {type}, which slim does not read (Docker schema 2 and OCI manifests and indexes only; schema 1 is long deprecated: push the image again)");
        }

        var manifest = ImageJson.ParseManifest(bytes, subject);
        await using var configStream = await client.OpenBlobAsync(location.Repository, manifest.Config, cancellationToken).ConfigureAwait(false);
        var config = await ImageSourceExtensions.ReadSmallAsync(configStream, manifest.Config.Size, $"{Description}: config {manifest.Config.Digest}", cancellationToken).ConfigureAwait(false);
        _image = SourceImage.Create(new Descriptor { MediaType = type, Digest = digest, Size = bytes.Length }, bytes, manifest, config, [location.Reference.ToString()], Description);
        return _image;
    }

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) =>
        client.OpenBlobAsync(location.Repository, blob, cancellationToken);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
