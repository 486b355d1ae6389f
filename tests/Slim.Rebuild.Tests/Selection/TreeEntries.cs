using Slim.Images.Layers;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>Small image trees made in memory for the selection tests: one layer of the entries given.</summary>
internal static class TreeEntries
{
    public static async Task<ImageTree> TreeOfAsync(params LayerEntry[] entries)
    {
        var index = new FileIndex();
        await index.AddLayerAsync(Entries(entries), "test", CancellationToken.None);
        return new ImageTree(index);
    }

    public static LayerEntry Dir(string path) => new() { Path = path, Kind = LayerEntryKind.Directory };

    public static LayerEntry File(string path) => new() { Path = path, Kind = LayerEntryKind.File, Size = 10 };

    public static LayerEntry Link(string path, string target) => new() { Path = path, Kind = LayerEntryKind.Symlink, LinkTarget = target };

    private static async IAsyncEnumerable<LayerEntry> Entries(LayerEntry[] entries)
    {
        foreach (var entry in entries)
        {
            yield return entry;
        }

        await Task.CompletedTask;
    }
}
