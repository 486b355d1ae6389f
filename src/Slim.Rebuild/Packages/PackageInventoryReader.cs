using System.Text;
using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Images.Sources;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;

namespace Slim.Rebuild.Packages;

/// <summary>
/// Reads the original image's OS release files and package database (dpkg's, or apk's) and prunes the database to the
/// selection, the release files counted as kept when the database is.
/// </summary>
public static class PackageInventoryReader
{
    /// <summary>The files scanners read to name the distribution (os-release(5) and the distributions' own).</summary>
    public static IReadOnlyList<string> ReleaseFiles { get; } = ["/etc/os-release", "/usr/lib/os-release", "/etc/debian_version", "/etc/alpine-release"];

    public static async Task<PackageInventory> ReadAsync(
        IImageSource source,
        SourceImage image,
        ImageTree tree,
        ContentSpool spool,
        IReadOnlyDictionary<string, SelectionReason> selected,
        bool keepDatabase,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(spool);

        // The release files, with every link on the way to them.
        var releasePaths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in ReleaseFiles)
        {
            var links = new List<string>();
            if (tree.Resolve(path, followFinal: true, links) is { } target && tree.Entry(target) is { Kind: LayerEntryKind.File or LayerEntryKind.Hardlink })
            {
                releasePaths.Add(target);
                releasePaths.UnionWith(links);
            }
        }

        var osReleaseFile = tree.Resolve("/etc/os-release") ?? tree.Resolve("/usr/lib/os-release");
        var debianVersionFile = tree.Resolve("/etc/debian_version");
        var texts = await ReadTextsAsync(source, image, tree, spool, DatabaseFiles(tree).Append(osReleaseFile).Append(debianVersionFile).OfType<string>(), cancellationToken).ConfigureAwait(false);
        var os = osReleaseFile is not null && texts.TryGetValue(osReleaseFile, out var osText) ? OsRelease.Parse(osText) : null;
        os = os?.WithDebianVersion(debianVersionFile is not null ? texts.GetValueOrDefault(debianVersionFile) : null);

        string? KeptFile(string listed)
        {
            if (tree.Resolve(listed, followFinal: false, null) is not { } path || tree.Entry(path) is not { } entry || entry.Kind == LayerEntryKind.Directory)
            {
                return null;
            }

            return selected.ContainsKey(path) || (keepDatabase && releasePaths.Contains(path)) ? path : null;
        }

        bool IsDirectory(string listed) => tree.Resolve(listed) is { } path && tree.Entry(path) is { Kind: LayerEntryKind.Directory };

        PrunedPackageDatabase? database = null;
        if (texts.TryGetValue(PackageDatabasePruner.DpkgDirectory + "/status", out var status))
        {
            var info = texts.Where(t => t.Key.StartsWith(PackageDatabasePruner.DpkgDirectory + "/info/", StringComparison.Ordinal))
                .ToDictionary(t => t.Key[(PackageDatabasePruner.DpkgDirectory.Length + 6)..], t => t.Value, StringComparer.Ordinal);
            database = PackageDatabasePruner.PruneDpkg(status, info, KeptFile, IsDirectory);
        }
        else if (texts.Keys.Where(k => k.StartsWith(PackageDatabasePruner.DpkgStatusDirectory + "/", StringComparison.Ordinal)).ToList() is { Count: > 0 } statusFiles)
        {
            database = PackageDatabasePruner.PruneDpkgStatusDirectory(
                statusFiles.ToDictionary(k => k[(PackageDatabasePruner.DpkgStatusDirectory.Length + 1)..], k => texts[k], StringComparer.Ordinal), KeptFile);
        }
        else if (tree.Resolve(PackageDatabasePruner.ApkInstalled) is { } apk && texts.TryGetValue(apk, out var installed))
        {
            database = PackageDatabasePruner.PruneApk(installed, KeptFile);
        }

        if (!keepDatabase)
        {
            return new PackageInventory(os, database, [], new Dictionary<string, byte[]>());
        }

        var kept = new SortedSet<string>(releasePaths, StringComparer.Ordinal);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (file, bytes) in database?.Files ?? new Dictionary<string, byte[]>())
        {
            var links = new List<string>();
            if (tree.Resolve(file, followFinal: true, links) is { } target && tree.Entry(target) is { Kind: LayerEntryKind.File or LayerEntryKind.Hardlink })
            {
                kept.Add(target);
                kept.UnionWith(links);
                contents[target] = bytes;
            }
        }

        foreach (var path in kept.ToList())
        {
            kept.UnionWith(ImagePath.FromAbsolute(path).Ancestors().Where(a => !a.IsRoot).Select(a => a.Absolute));
        }

        return new PackageInventory(os, database, [.. kept], contents);
    }

    /// <summary>dpkg's status and the .list and .md5sums files of its info directory, or apk's installed file (absolute paths).</summary>
    private static IEnumerable<string> DatabaseFiles(ImageTree tree)
    {
        if (tree.Resolve(PackageDatabasePruner.DpkgDirectory + "/status") is { } status)
        {
            yield return status;
            if (tree.Resolve(PackageDatabasePruner.DpkgDirectory + "/info") is { } info && ImagePath.TryFromAbsolute(info, out var directory))
            {
                foreach (var file in tree.ChildrenOf(directory))
                {
                    if (file.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink && (file.Path.EndsWith(".list", StringComparison.Ordinal) || file.Path.EndsWith(".md5sums", StringComparison.Ordinal)))
                    {
                        yield return file.ImagePath.Absolute;
                    }
                }
            }
        }
        else if (tree.Resolve(PackageDatabasePruner.DpkgStatusDirectory) is { } statusDirectory && ImagePath.TryFromAbsolute(statusDirectory, out var directory)
            && tree.ChildrenOf(directory).Where(f => f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink).ToList() is { Count: > 0 } statusFiles)
        {
            foreach (var file in statusFiles)
            {
                yield return file.ImagePath.Absolute;
            }
        }
        else if (tree.Resolve(PackageDatabasePruner.ApkInstalled) is { } apk)
        {
            yield return apk;
        }
    }

    private static async Task<Dictionary<string, string>> ReadTextsAsync(
        IImageSource source, SourceImage image, ImageTree tree, ContentSpool spool, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var files = paths.Distinct(StringComparer.Ordinal).Select(p => tree.Entry(p)).OfType<IndexedFile>()
            .Where(f => f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink).ToList();
        await spool.FillAsync(source, image, files, cancellationToken).ConfigureAwait(false);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            await using var stream = spool.Open(file);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            texts[file.ImagePath.Absolute] = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return texts;
    }
}
