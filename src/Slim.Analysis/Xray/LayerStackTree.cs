using Slim.Images.Layers;

namespace Slim.Analysis.Xray;

/// <summary>
/// The stacked view of the layers applied so far (what a container would see), built and changed one layer at a time,
/// as a tree so that "everything under a directory" is cheap to walk. Each node remembers the layer that last wrote it.
/// Not Slim.Rebuild's <c>ImageTree</c>, which looks paths up in an index's final filesystem and follows symlinks.
/// </summary>
internal sealed class LayerStackTree
{
    public Node Root { get; } = new("", "", null, LayerEntryKind.Directory, 0, -1, null);

    public Node? Find(string path)
    {
        if (path.Length == 0)
        {
            return Root;
        }

        var node = Root;
        foreach (var part in path.Split('/'))
        {
            if (node.Children is null || !node.Children.TryGetValue(part, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    /// <summary>The node at <paramref name="path"/>, creating it and any missing parent directories (which take <paramref name="layer"/>).</summary>
    public Node GetOrCreate(string path, int layer)
    {
        var node = Root;
        var start = 0;
        while (start <= path.Length)
        {
            var slash = path.IndexOf('/', start);
            var end = slash < 0 ? path.Length : slash;
            var name = path[start..end];
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(name, out var child))
            {
                var childPath = slash < 0 ? path : path[..end];
                child = new Node(name, childPath, node, LayerEntryKind.Directory, 0, layer, null);
                node.Children.Add(name, child);
            }
            else if (slash >= 0 && child.Kind != LayerEntryKind.Directory)
            {
                // a parent that was a file or link becomes a directory when something is written below it
                child.Kind = LayerEntryKind.Directory;
                child.Size = 0;
                child.Digest = null;
            }

            node = child;
            if (slash < 0)
            {
                break;
            }

            start = slash + 1;
        }

        return node;
    }

    /// <summary>The node and everything below it, parents before children.</summary>
    public static IEnumerable<Node> Subtree(Node top)
    {
        var stack = new Stack<Node>();
        stack.Push(top);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node.Children is not null)
            {
                foreach (var child in node.Children.Values)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>The sum of the sizes of the node and everything below it.</summary>
    public static long SubtreeSize(Node top)
    {
        long total = 0;
        foreach (var node in Subtree(top))
        {
            total += node.Size;
        }

        return total;
    }

    public static void Detach(Node node)
    {
        node.Parent?.Children?.Remove(node.Name);
    }

    internal sealed class Node(string name, string path, Node? parent, LayerEntryKind kind, long size, int layer, PackedSha256? digest)
    {
        public string Name { get; } = name;

        public string Path { get; } = path;

        public Node? Parent { get; } = parent;

        public Dictionary<string, Node>? Children { get; set; }

        public LayerEntryKind Kind { get; set; } = kind;

        public long Size { get; set; } = size;

        /// <summary>The layer that last wrote this path (-1 for the root).</summary>
        public int Layer { get; set; } = layer;

        public PackedSha256? Digest { get; set; } = digest;

        public bool IsDirectory => Kind == LayerEntryKind.Directory;
    }
}
