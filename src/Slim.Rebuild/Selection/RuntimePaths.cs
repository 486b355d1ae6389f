using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Paths that are never the image's: what the runtime mounts into every container and the sensor's own folder.
/// Selection never keeps them and repair never asks for them.
/// </summary>
internal static class RuntimePaths
{
    private static readonly string[] Mounts = ["/proc", "/sys", "/dev", TracerMount.Directory];

    public static bool Contains(string path) =>
        Mounts.Any(m => path == m || IsBelow(path, m));

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="directory"/> (absolute paths).</summary>
    public static bool IsBelow(string path, string directory) =>
        path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);
}
