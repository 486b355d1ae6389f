using Slim.Images.Archives;

namespace Slim.Analysis.Xray;

/// <summary>
/// The final view with every node measured (its size and file count with everything below it), shaped into the
/// report's lists: the biggest files and directories, and the tree of directories big enough to show.
/// </summary>
internal sealed class MeasuredView
{
    private readonly LayerStackTree.Node _root;
    private readonly Dictionary<LayerStackTree.Node, (long Size, int Files)> _sizes = new(ReferenceEqualityComparer.Instance);

    public MeasuredView(LayerStackTree.Node root)
    {
        _root = root;
        (_, FileCount) = Measure(root);
    }

    /// <summary>Non-directories in the view.</summary>
    public int FileCount { get; }

    /// <summary>Every node of the view, the root included.</summary>
    public IEnumerable<LayerStackTree.Node> Nodes => _sizes.Keys;

    public List<XrayFile> BiggestFiles(int top) =>
        _sizes.Keys.Where(n => !n.IsDirectory)
            .OrderByDescending(n => n.Size).ThenBy(n => n.Path, StringComparer.Ordinal)
            .Take(top)
            .Select(n => new XrayFile(Absolute(n), n.Size, n.Layer))
            .ToList();

    public List<XrayDirectory> BiggestDirectories(int top) =>
        _sizes.Where(s => s.Key.IsDirectory && s.Key != _root)
            .OrderByDescending(s => s.Value.Size).ThenBy(s => s.Key.Path, StringComparer.Ordinal)
            .Take(top)
            .Select(s => new XrayDirectory(Absolute(s.Key), s.Value.Size, s.Value.Files))
            .ToList();

    /// <summary>
    /// The directory tree to <paramref name="depth"/> levels, each directory smaller than <paramref name="minimum"/> bytes
    /// folded with the files beside it into one "(files)" node.
    /// </summary>
    public XrayTreeNode Tree(int depth, long minimum) => TreeNode(_root, "/", 0, depth, minimum);

    private (long Size, int Files) Measure(LayerStackTree.Node node)
    {
        long size = node.Size;
        var files = node.IsDirectory ? 0 : 1;
        if (node.Children is not null)
        {
            foreach (var child in node.Children.Values)
            {
                var (childSize, childFiles) = Measure(child);
                size += childSize;
                files += childFiles;
            }
        }

        _sizes[node] = (size, files);
        return (size, files);
    }

    private XrayTreeNode TreeNode(LayerStackTree.Node node, string name, int level, int depth, long minimum)
    {
        var size = _sizes[node].Size;
        var children = new List<XrayTreeNode>();
        if (level < depth && node.Children is not null)
        {
            long rest = 0;
            foreach (var child in node.Children.Values.OrderByDescending(c => _sizes[c].Size).ThenBy(c => c.Name, StringComparer.Ordinal))
            {
                var childSize = _sizes[child].Size;
                if (child.IsDirectory && childSize >= minimum)
                {
                    children.Add(TreeNode(child, child.Name, level + 1, depth, minimum));
                }
                else
                {
                    rest += childSize;
                }
            }

            if (rest > 0 && children.Count > 0)
            {
                children.Add(new XrayTreeNode("(files)", null, rest, []));
            }
        }

        return new XrayTreeNode(name, Absolute(node), size, children);
    }

    private static string Absolute(LayerStackTree.Node node) => ImagePath.FromKey(node.Path).Absolute;
}
