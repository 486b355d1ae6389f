using Slim.Images.Archives;
using Slim.Images.Layers;

namespace Slim.Rebuild.Index;

/// <summary>
/// One path of an image's final filesystem: its metadata (from the layer that last wrote it), that layer, and where its
/// bytes are: <see cref="ContentLayer"/> at <see cref="ContentPath"/> (for a hardlink, the file it links to).
/// </summary>
public sealed record IndexedFile
{
    public required LayerEntry Entry { get; init; }

    /// <summary>The layer (0 = base) whose entry this is.</summary>
    public required int Layer { get; init; }

    /// <summary>The layer that holds the bytes (differs from <see cref="Layer"/> for hardlinks to lower layers).</summary>
    public required int ContentLayer { get; init; }

    /// <summary>The path under which <see cref="ContentLayer"/> stores the bytes.</summary>
    public required string ContentPath { get; init; }

    /// <summary>The index key (<c>usr/bin/env</c>).</summary>
    public string Path => Entry.Path;

    /// <summary>The path in both its forms; entries come canonical from the layer reader.</summary>
    public ImagePath ImagePath => ImagePath.FromKey(Entry.Path);

    public LayerEntryKind Kind => Entry.Kind;

    /// <summary>The content size (a hardlink's is its target's).</summary>
    public long Size { get; init; }
}
