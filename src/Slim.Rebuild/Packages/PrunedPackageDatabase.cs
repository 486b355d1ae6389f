namespace Slim.Rebuild.Packages;

/// <summary>
/// The package database cut down to the slim image: the new bytes of each database file it keeps (by absolute path),
/// the packages that still own a kept file, how many went whole, and which kept paths some package owns.
/// </summary>
public sealed record PrunedPackageDatabase(
    PackageManager Manager,
    IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyList<KeptPackage> Kept,
    int RemovedWhole,
    IReadOnlySet<string> OwnedPaths)
{
    /// <summary>Kept packages that lost some of their files.</summary>
    public int RemovedPartly => Kept.Count(p => !p.IsWhole);
}
