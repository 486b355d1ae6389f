using Slim.Images.Archives;

namespace Slim.Analysis.Xray;

/// <summary>The biggest few paths of a set, for suggestion messages.</summary>
internal sealed class ExamplePaths
{
    public const int Count = 5;

    private readonly List<(long Size, string Key)> _top = [];

    /// <param name="key">The index key form of the path.</param>
    public void Offer(long size, string key)
    {
        if (_top.Count == Count && size <= _top[^1].Size)
        {
            return;
        }

        _top.Add((size, key));
        _top.Sort((a, b) => b.Size != a.Size ? b.Size.CompareTo(a.Size) : string.CompareOrdinal(a.Key, b.Key));
        if (_top.Count > Count)
        {
            _top.RemoveAt(_top.Count - 1);
        }
    }

    /// <summary>The paths, biggest first, in their absolute form.</summary>
    public List<string> Paths() => _top.Select(t => ImagePath.FromKey(t.Key).Absolute).ToList();
}
