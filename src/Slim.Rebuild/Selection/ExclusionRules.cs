using Microsoft.Extensions.FileSystemGlobbing;
using Slim.Images.Archives;

namespace Slim.Rebuild.Selection;

/// <summary>
/// The user's <c>--exclude-pattern</c> globs and the <c>--preserve-path</c> paths that win over them, matched against
/// selected paths. Selected paths are real paths (symlinks resolved): a pattern matches as written and with its literal
/// leading directories resolved too, so /lib/** also means /usr/lib/** on merged /usr.
/// </summary>
internal sealed class ExclusionRules
{
    private readonly Matcher? _matcher;
    private readonly List<ImagePath> _preserved;

    public ExclusionRules(ImageTree tree, SelectionRules rules)
    {
        if (rules.ExcludePatterns.Count > 0)
        {
            _matcher = new Matcher(StringComparison.Ordinal);
            _matcher.AddIncludePatterns(rules.ExcludePatterns.SelectMany(p => ResolvedPatterns(tree, p)).Distinct(StringComparer.Ordinal));
        }

        _preserved = rules.PreservePaths
            .Where(p => p.StartsWith('/'))
            .SelectMany(p => new[] { ImagePath.FromAbsolute(p), ImagePath.FromAbsolute(tree.Resolve(p) ?? p) })
            .Distinct()
            .ToList();
    }

    /// <summary>True when an absolute, resolved path matches an exclude pattern and no preserved path covers it.</summary>
    public bool Excludes(string path)
    {
        if (_matcher is null)
        {
            return false;
        }

        var kept = ImagePath.FromAbsolute(path);
        return _matcher.Match(kept.Key).HasMatches && !_preserved.Any(p => kept == p || kept.IsBelow(p));
    }

    /// <summary>A glob as written (relative) and, when its literal leading directories resolve elsewhere in the image, as resolved.</summary>
    private static IEnumerable<string> ResolvedPatterns(ImageTree tree, string pattern)
    {
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var literal = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[', '{']) < 0).ToList();
        yield return string.Join('/', parts);
        for (var take = literal.Count; take > 0; take--)
        {
            if (tree.Resolve(ImagePath.FromKey(string.Join('/', literal.Take(take))).Absolute) is { } resolved)
            {
                yield return string.Join('/', new[] { ImagePath.FromAbsolute(resolved).Key }.Concat(parts.Skip(take)).Where(p => p.Length > 0));
                yield break;
            }
        }
    }
}
