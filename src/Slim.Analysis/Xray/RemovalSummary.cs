namespace Slim.Analysis.Xray;

/// <summary>What one layer took out of the view of the layers below (deleted, or overwritten): bytes, files and their origins.</summary>
internal sealed class RemovalSummary
{
    public long Bytes { get; private set; }

    public int Files { get; private set; }

    /// <summary>The layers that wrote what was removed.</summary>
    public SortedSet<int> Origins { get; } = [];

    public ExamplePaths Examples { get; } = new();

    public void Add(int origin, long size, string key)
    {
        Bytes += size;
        Files++;
        Origins.Add(origin);
        Examples.Offer(size, key);
    }
}
