namespace Slim.Analysis.Xray;

/// <summary>The files layers wrote into one package-manager cache (<see cref="XrayRules.PackageCaches"/>).</summary>
internal sealed class CacheSummary(string prefix, string label)
{
    /// <summary>The cache directory, in key form.</summary>
    public string Prefix { get; } = prefix;

    public string Label { get; } = label;

    public long Bytes { get; private set; }

    /// <summary>Bytes per writing layer.</summary>
    public Dictionary<int, long> Layers { get; } = [];

    public ExamplePaths Examples { get; } = new();

    public void Add(int layer, long size, string key)
    {
        Bytes += size;
        Layers[layer] = Layers.GetValueOrDefault(layer) + size;
        Examples.Offer(size, key);
    }
}
