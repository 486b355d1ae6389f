namespace Slim.Rebuild.Selection;

/// <summary>
/// Which data families an app used, so the slim image keeps them whole: any member traced (found or not) or its
/// directory listed, apart from the reads that say nothing of a member chosen by input; and those the rules force in.
/// </summary>
/// <param name="Path">A resolved directory to keep with everything below it.</param>
/// <param name="Skipped">Resolved directories below it left out (parts kept only when touched).</param>
internal sealed record DataFamilyChoice(string Path, IReadOnlyList<string> Skipped)
{
    /// <param name="traced">Every traced path, symlinks resolved as far as the image allows.</param>
    /// <param name="listed">Every directory the app listed (resolved).</param>
    public static IEnumerable<DataFamilyChoice> Make(ImageTree tree, SelectionRules rules, IReadOnlySet<string> traced, IReadOnlySet<string> listed)
    {
        foreach (var layout in DataFamilyLayout.Find(tree))
        {
            var policy = rules.PolicyFor(layout.Family);
            if (policy == DataFamilyPolicy.TracedOnly)
            {
                continue;
            }

            var touchedParts = layout.OnlyWhenTouched.Where(d => Touched(d, [], [], traced, listed)).ToList();
            var notUses = layout.Family == DataFamily.Zoneinfo ? LocalZone(tree) : [];
            if (policy != DataFamilyPolicy.Always && !layout.Roots.Any(r => Touched(r, layout.NotUses, notUses, traced, listed)) && touchedParts.Count == 0)
            {
                continue;
            }

            var skipped = layout.OnlyWhenTouched.Except(touchedParts, StringComparer.Ordinal).ToList();
            foreach (var root in layout.Roots)
            {
                yield return new DataFamilyChoice(root, skipped);
            }

            foreach (var part in touchedParts)
            {
                yield return new DataFamilyChoice(part, []);
            }
        }
    }

    /// <summary>
    /// True when a traced path is below <paramref name="directory"/> (but not only at or under the names in
    /// <paramref name="notUses"/> or the paths in <paramref name="ignoredPaths"/>), or the app listed it or a directory below it.
    /// </summary>
    private static bool Touched(string directory, IReadOnlyList<string> notUses, IReadOnlyList<string> ignoredPaths, IReadOnlySet<string> traced, IReadOnlySet<string> listed)
    {
        var ignored = notUses.Select(n => directory + "/" + n).Concat(ignoredPaths).ToList();
        bool Counts(string path) => !ignored.Any(i => path == i || RuntimePaths.IsBelow(path, i));
        return traced.Any(p => RuntimePaths.IsBelow(p, directory) && Counts(p))
            || listed.Any(l => (l == directory || RuntimePaths.IsBelow(l, directory)) && Counts(l));
    }

    /// <summary>
    /// The local zone: /etc/localtime and every link and file it leads to. Nearly every program reads it at start
    /// (glibc's localtime, Go's runtime), so reading it says nothing of a zone chosen by input.
    /// </summary>
    private static List<string> LocalZone(ImageTree tree)
    {
        var links = new List<string>();
        var resolved = tree.Resolve("/etc/localtime", followFinal: true, links);
        return [.. links, .. resolved is null ? [] : new[] { resolved }];
    }
}
