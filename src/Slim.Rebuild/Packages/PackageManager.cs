namespace Slim.Rebuild.Packages;

/// <summary>Which package manager's database an image carries.</summary>
public enum PackageManager
{
    Dpkg,
    Apk,
}
