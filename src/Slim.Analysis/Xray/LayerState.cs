namespace Slim.Analysis.Xray;

/// <summary>One layer's counts as the analysis goes.</summary>
internal sealed class LayerState(int index, XrayLayerInfo info)
{
    public int Index { get; } = index;

    public long Size { get; set; }

    public int Entries { get; set; }

    public int Added { get; set; }

    public int Modified { get; set; }

    public int Deleted { get; set; }

    public long Wasted { get; set; }

    public XrayLayer ToLayer() => new()
    {
        Index = Index,
        Digest = info.Digest,
        DiffId = info.DiffId,
        CreatedBy = info.CreatedBy,
        Size = Size,
        Entries = Entries,
        FilesAdded = Added,
        FilesModified = Modified,
        FilesDeleted = Deleted,
        WastedBytes = Wasted,
    };
}
