namespace Slim.Rebuild.Layers;

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
    /// Extended attributes (from PAX <c>SCHILY.xattr.*</c> records), e.g. <c>security.capability</c>. Known limit:
    /// System.Formats.Tar decodes PAX values as UTF-8, so bytes that are not valid UTF-8 (a capability mask with bit 7 of
    /// any byte set, e.g. CAP_SETUID) come back as U+FFFD; ASCII-range values (CAP_NET_RAW, CAP_NET_BIND_SERVICE) survive.
    /// </summary>
    public IReadOnlyDictionary<string, string> Xattrs { get; init; } = EmptyXattrs;

    internal static readonly IReadOnlyDictionary<string, string> EmptyXattrs = new Dictionary<string, string>();

    public bool IsWhiteout => Kind is LayerEntryKind.Whiteout or LayerEntryKind.OpaqueDirectory;
}
