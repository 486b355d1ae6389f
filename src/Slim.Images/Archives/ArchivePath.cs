namespace Slim.Images.Archives;

/// <summary>
/// Names inside archives and layers as plain strings, for the readers that key dictionaries by them: the rules are
/// <see cref="ImagePath"/>'s (<c>./a//b/</c> is <c>a/b</c>; absolute names and any <c>..</c> component are refused).
/// </summary>
public static class ArchivePath
{
    /// <summary>The canonical relative form, or an <see cref="ImageException"/> (UnsafePath) naming <paramref name="subject"/>.</summary>
    public static string Normalize(string name, string subject) => ImagePath.FromKey(name, subject).Key;

    public static bool TryNormalize(string name, out string normalized)
    {
        var ok = ImagePath.TryFromKey(name, out var path);
        normalized = path.Key;
        return ok;
    }

    /// <summary>
    /// Resolves a relative path that may climb with <c>..</c> (a link target joined to its directory), failing when it
    /// would climb above the root or is absolute.
    /// </summary>
    public static bool TryResolveWithin(string path, out string normalized)
    {
        var ok = ImagePath.TryResolveWithin(path, out var resolved);
        normalized = resolved.Key;
        return ok;
    }

    /// <summary>The parent directory of a canonical path ("" for the root's children).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
