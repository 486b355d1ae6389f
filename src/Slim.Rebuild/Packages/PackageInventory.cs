namespace Slim.Rebuild.Packages;

/// <summary>
/// What the slim image holds of the original's packages: the distribution, the package database pruned to the kept
/// files (null when the image has none), and the paths the slim image keeps for them (the OS release files, the
/// database files, their links and parents) and the new bytes of the database files there (by the path the image keeps
/// them at), both empty when the database is not kept.
/// </summary>
public sealed record PackageInventory(
    OsRelease? Os, PrunedPackageDatabase? Database, IReadOnlyList<string> KeptPaths, IReadOnlyDictionary<string, byte[]> Contents)
{
    public static PackageInventory None { get; } = new(null, null, [], new Dictionary<string, byte[]>());
}
