using Slim.Images.Archives;
using Slim.Images.Model;

namespace Slim.Images.Sources;

/// <summary>
/// An OCI image layout ("image-layout.md": <c>oci-layout</c>, <c>index.json</c>, <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>), in a directory
/// or a tar (OCI archive, and the OCI-shaped `docker save`). The entry is chosen by name, then by platform through nested indexes.
/// </summary>
internal sealed class OciLayoutSource(IFileTree tree, string description, Func<Descriptor, bool>? nameFilter, string? wantedName, Platform platform)
    : FileTreeImageSource(tree, description)
{
    protected override async Task<SourceImage> ReadImageAsync(CancellationToken cancellationToken)
    {
        if (!Tree.TryGetSize(OciLayoutFile.FileName, out _))
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, Description, $"{Description} is not an OCI image layout (no oci-layout file)");
        }

        var indexBytes = await ReadSmallFileAsync("index.json", cancellationToken).ConfigureAwait(false);
        var index = ImageJson.ParseIndex(indexBytes, $"{Description}: index.json");
        var candidates = nameFilter is null ? index.Manifests : index.Manifests.Where(nameFilter).ToList();
        if (candidates.Count == 0)
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, wantedName ?? Description,
                wantedName is null ? $"{Description} holds no image" : $"{Description} holds no image named '{wantedName}'");
        }

        var names = candidates.SelectMany(NamesOf).Distinct().ToList();
        var chosen = candidates.Count == 1 ? candidates[0] : null;
        if (chosen is null)
        {
            var distinct = candidates.DistinctBy(d => d.Digest).ToList();
            chosen = distinct.Count == 1 ? distinct[0] : ChoosePlatform(distinct, $"{Description}: index.json");
        }

        for (var depth = 0; ; depth++)
        {
            if (depth > 4)
            {
                throw new ImageException(ImageErrorReason.InvalidFormat, Description, $"{Description}: indexes nested more than 4 deep");
            }

            var bytes = await ReadSmallBlobAsync(chosen, cancellationToken).ConfigureAwait(false);
            var subject = $"{Description}: {chosen.Digest}";
            if (chosen.MediaType.IsIndex || (!chosen.MediaType.IsManifest && ImageJson.IsIndex(bytes, subject)))
            {
                var nested = ImageJson.ParseIndex(bytes, subject);
                chosen = ChoosePlatform(nested.Manifests, subject);
                continue;
            }

            var manifest = ImageJson.ParseManifest(bytes, subject);
            var config = await ReadSmallBlobAsync(manifest.Config, cancellationToken).ConfigureAwait(false);
            return SourceImage.Create(chosen, bytes, manifest, config, names, Description);
        }
    }

    private Descriptor ChoosePlatform(IReadOnlyList<Descriptor> manifests, string subject)
    {
        var matches = manifests.Where(m => platform.Accepts(m.Platform)).ToList();
        if (matches.Count == 0)
        {
            var available = string.Join(", ", manifests.Select(m => m.Platform?.ToString() ?? "unknown").Distinct());
            throw new ImageException(ImageErrorReason.PlatformNotFound, subject,
                $"{subject} has no image for {platform} (available: {available}); choose one with --platform");
        }

        // several variants of one architecture: the first listed wins, as in the engine
        return matches[0];
    }

    private static IEnumerable<string> NamesOf(Descriptor descriptor)
    {
        if (descriptor.Annotations?.GetValueOrDefault(Descriptor.ContainerdNameAnnotation) is { } full)
        {
            yield return full;
        }
        else if (descriptor.RefName is { } name)
        {
            yield return name;
        }
    }
}
