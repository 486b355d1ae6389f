using Slim.Images.Archives;
using Slim.Images.Layers;
using Slim.Rebuild.Index;

namespace Slim.Rebuild.Selection;

/// <summary>The report of what listed directories lose in the slim image: entries and bytes left out of each.</summary>
internal static class CutDirectories
{
    public static List<CutDirectory> Of(ImageTree tree, IEnumerable<string> listed, IReadOnlyDictionary<string, SelectionReason> selected)
    {
        var cut = new List<CutDirectory>();
        foreach (var directory in listed.Order(StringComparer.Ordinal))
        {
            if (tree.Entry(directory)?.Kind != LayerEntryKind.Directory)
            {
                continue;
            }

            var children = tree.ChildrenOf(ImagePath.FromAbsolute(directory)).ToList();
            var missing = children.Where(c => !selected.ContainsKey(c.ImagePath.Absolute)).ToList();
            if (missing.Count > 0)
            {
                cut.Add(new CutDirectory(directory, children.Count - missing.Count, missing.Count, missing.Sum(BytesBelow)));
            }
        }

        return cut;

        long BytesBelow(IndexedFile entry) => entry.Kind != LayerEntryKind.Directory
            ? entry.Size
            : tree.Below(entry.ImagePath).Where(f => !selected.ContainsKey(f.ImagePath.Absolute)).Sum(f => f.Size);
    }
}
