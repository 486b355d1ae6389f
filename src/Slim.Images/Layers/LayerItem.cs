namespace Slim.Images.Layers;

/// <summary>A layer entry and, for files, its content; <see cref="Content"/> is only valid until the next item is read.</summary>
public sealed record LayerItem(LayerEntry Entry, Stream? Content);
