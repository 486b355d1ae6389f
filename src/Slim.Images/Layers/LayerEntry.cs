namespace Slim.Images.Layers;

/// <summary>
/// One entry of a layer tar, metadata only: canonical path (no leading "./" or "/", no trailing "/"),
/// kind, mode, owner, mtime, size, link target, device numbers and extended attributes.
/// </summary>
public sealed record LayerEntry
{
    public required string Path { get; init; }

    public required LayerEntryKind Kind { get; init; }

    /// <summary>Permission bits including setuid/setgid/sticky.</summary>
    public UnixFileMode Mode { get; init; }

    public int Uid { get; init; }

    public int Gid { get; init; }

    public string? UserName { get; init; }

    public string? GroupName { get; init; }

    public DateTimeOffset ModificationTime { get; init; }

    /// <summary>Content size; 0 for everything but files.</summary>
    public long Size { get; init; }

    /// <summary>A symlink's target as written (never resolved here), or a hardlink's canonical target path.</summary>
    public string? LinkTarget { get; init; }

    public int DeviceMajor { get; init; }

    public int DeviceMinor { get; init; }

    /// <summary>
    /// Extended attributes (PAX <c>SCHILY.xattr.*</c> records), e.g. <c>security.capability</c>. Values are byte strings:
    /// each char is one byte (Latin-1), so binary values such as capability masks survive reading and writing intact.
    /// </summary>
    public IReadOnlyDictionary<string, string> Xattrs { get; init; } = EmptyXattrs;

    internal static readonly IReadOnlyDictionary<string, string> EmptyXattrs = new Dictionary<string, string>();

    public bool IsWhiteout => Kind is LayerEntryKind.Whiteout or LayerEntryKind.OpaqueDirectory;
}
