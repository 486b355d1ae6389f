namespace Slim.Analysis.Xray;

/// <summary>One path's efficiency figures over the layers (dive's definition, see <see cref="XrayAnalysis"/>).</summary>
internal sealed class PathStat
{
    public long Cumulative { get; private set; }

    public long Minimum { get; private set; }

    public int Count { get; private set; }

    public void Add(long size)
    {
        Minimum = Count == 0 ? size : Math.Min(Minimum, size);
        Cumulative += size;
        Count++;
    }
}
