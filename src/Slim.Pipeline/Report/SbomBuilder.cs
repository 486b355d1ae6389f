using System.Globalization;
using System.Security.Cryptography;
using Slim.Images.Layers;
using Slim.Images.Sources;
using Slim.Rebuild.Index;
using Slim.Rebuild.Packages;
using Slim.Rebuild.Selection;
using Slim.Trace;

namespace Slim.Pipeline.Report;

/// <summary>
/// The CycloneDX SBOM of a slim image: the image itself (name, image ID, manifest digest), the OS, the packages that
/// still own a kept file (name, version, architecture, purl), and every kept file no package owns with its SHA-256.
/// </summary>
public static class SbomBuilder
{
    public const string SpecVersion = "1.6";

    /// <summary>The SBOM of a built slim image, hashing the kept files no package owns (their bytes from the spool).</summary>
    public static async Task<CycloneDxBom> BuildAsync(
        ImageSummary slim,
        string targetId,
        PackageInventory packages,
        ImageTree tree,
        FileSelection selection,
        IImageSource source,
        SourceImage image,
        ContentSpool spool,
        DateTimeOffset timestamp,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(spool);

        // The app's own files: kept, regular, owned by no package, and not the database that says who owns what.
        var owned = packages.Database?.OwnedPaths ?? new HashSet<string>();
        var unowned = selection.Paths.Keys
            .Where(p => !owned.Contains(p) && !selection.Contents.ContainsKey(p))
            .Select(tree.Entry)
            .OfType<IndexedFile>()
            .Where(f => f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        await spool.FillAsync(source, image, unowned, cancellationToken).ConfigureAwait(false);
        var files = new List<UnownedFile>(unowned.Count);
        foreach (var file in unowned)
        {
            await using var content = spool.Open(file);
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
            files.Add(new UnownedFile(file.ImagePath.Absolute, sha256));
        }

        return Build(slim, targetId, packages, files, timestamp);
    }

    /// <summary>The SBOM from what is known already: the slim image, its packages, and its unowned files with their SHA-256.</summary>
    public static CycloneDxBom Build(ImageSummary slim, string targetId, PackageInventory packages, IReadOnlyList<UnownedFile> files, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(slim);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(files);
        var components = new List<CycloneDxComponent>();
        if (packages.Os is { } os)
        {
            components.Add(new CycloneDxComponent("operating-system", os.Id) { BomRef = "os:" + os.Id, Version = os.Release });
        }

        foreach (var package in (packages.Database?.Kept ?? []).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Architecture, StringComparer.Ordinal))
        {
            var purl = PackageUrl.For(package, packages.Os);
            components.Add(new CycloneDxComponent("library", package.Name)
            {
                BomRef = purl,
                Version = package.Version,
                Purl = purl,
                Properties =
                [
                    new("slim:package:architecture", package.Architecture),
                    new("slim:package:manager", package.Manager.ToString().ToLowerInvariant()),
                    new("slim:package:filesKept", package.FilesKept.ToString(CultureInfo.InvariantCulture)),
                    new("slim:package:filesListed", package.FilesListed.ToString(CultureInfo.InvariantCulture)),
                ],
            });
        }

        foreach (var file in files)
        {
            components.Add(new CycloneDxComponent("file", file.Path) { BomRef = "file:" + file.Path, Hashes = [new("SHA-256", file.Sha256)] });
        }

        var properties = new List<CycloneDxProperty> { new("slim:target:id", targetId) };
        if (slim.Id is { } id)
        {
            properties.Add(new("slim:image:id", id));
        }

        if (slim.ManifestDigest is { } digest)
        {
            properties.Add(new("slim:image:manifestDigest", digest));
        }

        var subject = new CycloneDxComponent("container", slim.Reference)
        {
            BomRef = "image",
            Version = slim.Id,
            Hashes = slim.Id?.StartsWith("sha256:", StringComparison.Ordinal) == true ? [new("SHA-256", slim.Id["sha256:".Length..])] : null,
            Properties = properties,
        };
        var tool = new CycloneDxComponent("application", "slim") { Version = typeof(SbomBuilder).Assembly.GetName().Version?.ToString(3) };
        return new CycloneDxBom(
            "CycloneDX",
            SpecVersion,
            "urn:uuid:" + Guid.NewGuid().ToString("D"),
            1,
            new CycloneDxMetadata(timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), new CycloneDxTools([tool]), subject),
            components);
    }

    public static string ToJson(CycloneDxBom bom) => System.Text.Json.JsonSerializer.Serialize(bom, SbomJsonContext.Default.CycloneDxBom);
}
