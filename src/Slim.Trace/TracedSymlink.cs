namespace Slim.Trace;

/// <summary>A symlink met while following a traced path inside the container's root (<c>/lib64 -> usr/lib64</c>).</summary>
/// <param name="Path">The symlink's absolute path.</param>
/// <param name="Target">Its content, as readlink returns it.</param>
public sealed record TracedSymlink(string Path, string Target);
