using Slim.Images.Layers;

namespace Slim.Analysis.Xray;

/// <summary>
/// What xray keeps of one layer entry: its canonical path, kind, size (files only) and, when contents were hashed,
/// the digest of a file's bytes; a hardlink's target (checked by <see cref="LayerStackPaths"/>). Whiteouts carry the path they delete (<see cref="LayerEntry"/>'s convention).
/// </summary>
public readonly record struct XrayEntry(string Path, LayerEntryKind Kind, long Size, PackedSha256? Digest = null, string? LinkTarget = null)
{
    public static XrayEntry File(string path, long size, PackedSha256? digest = null) => new(path, LayerEntryKind.File, size, digest);

    public static XrayEntry Directory(string path) => new(path, LayerEntryKind.Directory, 0);

    public static XrayEntry Symlink(string path) => new(path, LayerEntryKind.Symlink, 0);

    public static XrayEntry Whiteout(string path) => new(path, LayerEntryKind.Whiteout, 0);

    public static XrayEntry Opaque(string directory) => new(directory, LayerEntryKind.OpaqueDirectory, 0);

    public bool IsWhiteout => Kind is LayerEntryKind.Whiteout or LayerEntryKind.OpaqueDirectory;
}
