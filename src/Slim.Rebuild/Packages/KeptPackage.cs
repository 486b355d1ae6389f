namespace Slim.Rebuild.Packages;

/// <summary>A package that still owns a file of the slim image, and how much of it is left.</summary>
/// <param name="FilesKept">Its files (not directories) the slim image keeps.</param>
/// <param name="FilesListed">Its files (not directories) the original image has.</param>
public sealed record KeptPackage(PackageManager Manager, string Name, string Version, string Architecture, int FilesKept, int FilesListed)
{
    public bool IsWhole => FilesKept == FilesListed;
}
