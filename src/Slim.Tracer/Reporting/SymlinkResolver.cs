namespace Slim.Tracer.Reporting;

/// <summary>
/// Follows a path component by component inside a root directory (the container's "/", or a test's temp dir),
/// noting every symlink on the way, the way the kernel's path walk would inside that root.
/// </summary>
internal sealed class SymlinkResolver(string root)
{
    private const int MaxLinks = 40; // the kernel's MAXSYMLINKS

    private readonly string _root = root.TrimEnd('/');
    private readonly Dictionary<string, string?> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _exists = new(StringComparer.Ordinal);

    /// <summary>Where <paramref name="absolute"/> leads, or null when some component does not exist.</summary>
    /// <param name="seen">Receives (symlink path, its target) for every symlink met, even when the walk fails later.</param>
    public string? Resolve(string absolute, ICollection<(string Path, string Target)> seen)
    {
        var pending = new Stack<string>();
        PushComponents(pending, absolute);
        var current = "";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                var slash = current.LastIndexOf('/');
                current = slash <= 0 ? "" : current[..slash];
                continue;
            }

            var candidate = current + "/" + part;
            if (LinkTarget(candidate) is { } target)
            {
                if (!seen.Contains((candidate, target)))
                {
                    seen.Add((candidate, target));
                }

                if (++hops > MaxLinks)
                {
                    return null;
                }

                if (target.StartsWith('/'))
                {
                    current = "";
                }

                PushComponents(pending, target);
                continue;
            }

            if (!Exists(candidate))
            {
                return null;
            }

            current = candidate;
        }

        return current.Length == 0 ? "/" : current;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private string? LinkTarget(string path)
    {
        if (!_links.TryGetValue(path, out var target))
        {
            try
            {
                target = new FileInfo(_root + path).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            catch (UnauthorizedAccessException)
            {
                target = null;
            }

            _links[path] = target;
        }

        return target;
    }

    private bool Exists(string path)
    {
        if (!_exists.TryGetValue(path, out var exists))
        {
            exists = Path.Exists(_root + path);
            _exists[path] = exists;
        }

        return exists;
    }
}
