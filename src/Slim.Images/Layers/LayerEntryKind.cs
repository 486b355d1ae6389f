namespace Slim.Images.Layers;

/// <summary>What a layer entry is. Whiteouts are entries of their own: they delete from lower layers.</summary>
public enum LayerEntryKind
{
    File,
    Directory,
    Symlink,
    Hardlink,
    CharDevice,
    BlockDevice,
    Fifo,

    /// <summary><c>.wh.NAME</c>: NAME (and all below it) from lower layers is deleted. <see cref="LayerEntry.Path"/> is NAME's path.</summary>
    Whiteout,

    /// <summary><c>DIR/.wh..wh..opq</c>: DIR's content from lower layers is hidden. <see cref="LayerEntry.Path"/> is DIR.</summary>
    OpaqueDirectory,
}
