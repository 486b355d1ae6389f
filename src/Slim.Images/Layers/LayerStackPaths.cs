namespace Slim.Images.Layers;

/// <summary>
/// The rule every reader keeps for entries that depend on what came before: a hardlink must name a non-directory that is
/// in the image at that point (earlier in its layer, or in a layer below and not whited out), as Docker's extraction
/// demands; anything else is refused. Duplicates need nothing here: a later entry for a path replaces the earlier one
/// (Docker keeps the last). Fed the layers bottom first; memory is one set entry per path.
/// </summary>
public sealed class LayerStackPaths
{
    // non-directories only; sorted so that "everything under a directory" is a range
    private readonly SortedSet<string> _present = new(StringComparer.Ordinal);

    /// <summary>Applies the next layer: its whiteouts act on the layers below first, then its entries in tar order.</summary>
    public void AddLayer<T>(IReadOnlyList<T> entries, Func<T, LayerEntry> describe, string subject)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(describe);
        foreach (var item in entries)
        {
            var entry = describe(item);
            if (entry.Kind == LayerEntryKind.Whiteout)
            {
                _present.Remove(entry.Path);
                RemoveBelow(entry.Path);
            }
            else if (entry.Kind == LayerEntryKind.OpaqueDirectory)
            {
                RemoveBelow(entry.Path);
            }
        }

        foreach (var item in entries)
        {
            var entry = describe(item);
            switch (entry.Kind)
            {
                case LayerEntryKind.Whiteout or LayerEntryKind.OpaqueDirectory:
                    break;
                case LayerEntryKind.Directory:
                    _present.Remove(entry.Path);
                    break;
                case LayerEntryKind.Hardlink when !_present.Contains(entry.LinkTarget!):
                    throw new ImageException(ImageErrorReason.UnsafePath, entry.Path,
                        $"{subject}: hardlink '{entry.Path}' points to '{entry.LinkTarget}', which is not a file in the image (not earlier in this layer nor in a layer below)");
                default:
                    RemoveBelow(entry.Path);
                    _present.Add(entry.Path);
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> is a non-directory of the layers applied so far.</summary>
    public bool Contains(string path) => _present.Contains(path);

    private void RemoveBelow(string directory)
    {
        if (directory.Length == 0)
        {
            _present.Clear();
            return;
        }

        // every "DIR/…" sorts between "DIR/" and "DIR0" ('0' follows '/')
        var below = _present.GetViewBetween(directory + "/", directory + "0");
        if (below.Count > 0)
        {
            below.Clear();
        }
    }
}
