using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// DESIGN.md step 8, repair: from a trace of the slim image run through the same probes, what it looked for and did
/// not find although the original image has it (a file opened, a program or interpreter run, a library loaded), and
/// the entries of directories it listed that the original holds and the slim image lacks.
/// </summary>
public static class RepairCandidates
{
    /// <param name="tree">The original image.</param>
    /// <param name="selected">What the slim image holds now (absolute, resolved paths).</param>
    /// <param name="slimTraces">Traces of the slim image's run.</param>
    public static IReadOnlyList<RepairCandidate> Find(ImageTree tree, IReadOnlyDictionary<string, SelectionReason> selected, IEnumerable<TraceReport> slimTraces)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(slimTraces);
        var found = new List<RepairCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in slimTraces.SelectMany(t => t.Files).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (RuntimePaths.Contains(file.Path) || tree.Resolve(file.Path) is not { } resolved || resolved == "/")
            {
                continue;
            }

            if (!selected.ContainsKey(resolved) && seen.Add(resolved))
            {
                found.Add(new RepairCandidate(file.Path, RepairCause.LookedFor, null));
            }

            if (file.Kinds.Contains(PathAccessKind.List) && tree.Entry(resolved)?.Kind == LayerEntryKind.Directory)
            {
                foreach (var child in tree.ChildrenOf(ImagePath.FromAbsolute(resolved)).OrderBy(c => c.Path, StringComparer.Ordinal))
                {
                    var path = child.ImagePath.Absolute;
                    if (!selected.ContainsKey(path) && seen.Add(path))
                    {
                        found.Add(new RepairCandidate(path, RepairCause.Listed, file.Path));
                    }
                }
            }
        }

        return found;
    }
}
