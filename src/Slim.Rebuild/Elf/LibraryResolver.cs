using Slim.Images.Archives;

namespace Slim.Rebuild.Elf;

/// <summary>
/// Finds the file the dynamic loader would load for each DT_NEEDED name, in glibc's order:
/// DT_RPATH (only when there is no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH, /etc/ld.so.cache,
/// then the default directories. $ORIGIN, $LIB and $PLATFORM are expanded as ld.so does on x86_64.
/// </summary>
public sealed class LibraryResolver(IImageFiles files, LdSoCache cache, IReadOnlyList<string> libraryPath)
{
    private static readonly string[] DefaultDirectories =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
    ];

    /// <summary>
    /// The path the loader would open for one needed name of the object at <paramref name="objectPath"/>
    /// (before its symlinks are followed, so callers can keep the links too); null when not found.
    /// </summary>
    public string? Resolve(string needed, string objectPath, ElfInfo info)
    {
        if (needed.Contains('/', StringComparison.Ordinal))
        {
            var direct = needed.StartsWith('/') ? needed : Path.Join(Path.GetDirectoryName(objectPath) ?? "/", needed);
            return Existing(Normalize(direct));
        }

        var origin = Path.GetDirectoryName(objectPath) ?? "/";
        IEnumerable<string> Candidates()
        {
            if (info.RunPath.Count == 0)
            {
                foreach (var dir in info.RPath)
                {
                    yield return Expand(dir, origin);
                }
            }

            foreach (var dir in libraryPath)
            {
                yield return Expand(dir, origin);
            }

            foreach (var dir in info.RunPath)
            {
                yield return Expand(dir, origin);
            }
        }

        foreach (var dir in Candidates())
        {
            if (dir.StartsWith('/') && Existing(Normalize(Path.Join(dir, needed))) is { } found)
            {
                return found;
            }
        }

        if (cache.Lookup(needed) is { } cached && Existing(cached) is { } fromCache)
        {
            return fromCache;
        }

        foreach (var dir in DefaultDirectories)
        {
            if (Existing(Path.Join(dir, needed)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private string? Existing(string path) => files.Resolve(path) is null ? null : path;

    private static string Expand(string dir, string origin) => dir
        .Replace("${ORIGIN}", origin, StringComparison.Ordinal)
        .Replace("$ORIGIN", origin, StringComparison.Ordinal)
        .Replace("${LIB}", "lib64", StringComparison.Ordinal)
        .Replace("$LIB", "lib64", StringComparison.Ordinal)
        .Replace("${PLATFORM}", "x86_64", StringComparison.Ordinal)
        .Replace("$PLATFORM", "x86_64", StringComparison.Ordinal);

    /// <summary>Collapses "." and ".." lexically, the way the loader joins directory and name (<see cref="ImagePath"/>'s rules).</summary>
    /// <remarks>A relative path (an object found under a relative name) is taken from the root, as the image's tree takes it.</remarks>
    private static string Normalize(string path) =>
        ImagePath.TryFromAbsolute(path.StartsWith('/') ? path : "/" + path, out var folded) ? folded.Absolute : "/";
}
