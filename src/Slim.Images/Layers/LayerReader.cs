using System.Formats.Tar;
using System.Runtime.CompilerServices;
using Slim.Images.Archives;

namespace Slim.Images.Layers;

/// <summary>
/// Reads a layer tar as a stream of <see cref="LayerItem"/>s without buffering contents. Names are made canonical,
/// whiteouts recognised, hardlink targets checked to stay inside the root; names that leave it are refused.
/// </summary>
public static class LayerReader
{
    public const string WhiteoutPrefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    private const string XattrPrefix = "SCHILY.xattr.";

    /// <summary>The entries, metadata only (contents are skipped as the stream advances).</summary>
    public static async IAsyncEnumerable<LayerEntry> ReadEntriesAsync(Stream tar, string subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ReadAsync(tar, subject, cancellationToken).ConfigureAwait(false))
        {
            yield return item.Entry;
        }
    }

    /// <summary>The entries with their content streams.</summary>
    public static async IAsyncEnumerable<LayerItem> ReadAsync(Stream tar, string subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var filtered = new PaxXattrReadFilter(tar);
        await using var reader = new TarReader(filtered, leaveOpen: true);
        LayerEntry? last = null;
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException or IOException or ZstdSharp.ZstdException)
            {
                // where it broke: after which entry, and how big that one said it was (an absurd size reads as a truncation)
                var after = last is null ? "" : $" after entry '{last.Path}'{(last.Size > 0 ? $" (which claims {last.Size} bytes)" : "")}";
                throw new ImageException(ImageErrorReason.InvalidFormat, subject, $"{subject} is not a readable tar stream{after} (truncated or corrupt): {e.Message}", e);
            }

            if (entry is null)
            {
                yield break;
            }

            if (Describe(entry, subject) is { } described)
            {
                last = described;
                var content = described.Kind == LayerEntryKind.File && entry.DataStream is { } data ? new EntryContentStream(data, subject, described.Path, described.Size) : null;
                yield return new LayerItem(described, content);
            }
        }
    }

    /// <summary>Turns a tar entry into a <see cref="LayerEntry"/>; null for entries that carry no file (global headers).</summary>
    internal static LayerEntry? Describe(TarEntry entry, string subject)
    {
        var path = ArchivePath.Normalize(entry.Name, subject);
        if (path.Length == 0)
        {
            return entry.EntryType == TarEntryType.Directory ? null : throw new ImageException(ImageErrorReason.UnsafePath, entry.Name, $"{subject}: entry '{entry.Name}' has no name");
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        var parent = ArchivePath.Parent(path);
        LayerEntryKind kind;
        string? link = null;
        if (name == OpaqueMarker)
        {
            kind = LayerEntryKind.OpaqueDirectory;
            path = parent;
        }
        else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            kind = LayerEntryKind.Whiteout;
            var hidden = name[WhiteoutPrefix.Length..];
            if (hidden is "" or "." or "..")
            {
                throw new ImageException(ImageErrorReason.UnsafePath, entry.Name, $"{subject}: whiteout '{entry.Name}' names no file");
            }

            path = parent.Length == 0 ? hidden : parent + "/" + hidden;
        }
        else
        {
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    kind = LayerEntryKind.File;
                    break;
                case TarEntryType.Directory:
                    kind = LayerEntryKind.Directory;
                    break;
                case TarEntryType.SymbolicLink:
                    kind = LayerEntryKind.Symlink;
                    link = entry.LinkName;
                    break;
                case TarEntryType.HardLink:
                    kind = LayerEntryKind.Hardlink;
                    link = ArchivePath.TryNormalize(entry.LinkName, out var target) && target.Length > 0
                        ? target
                        : throw new ImageException(ImageErrorReason.UnsafePath, entry.Name, $"{subject}: hardlink '{path}' points out of the root ('{entry.LinkName}')");
                    break;
                case TarEntryType.CharacterDevice:
                    kind = LayerEntryKind.CharDevice;
                    break;
                case TarEntryType.BlockDevice:
                    kind = LayerEntryKind.BlockDevice;
                    break;
                case TarEntryType.Fifo:
                    kind = LayerEntryKind.Fifo;
                    break;
                default:
                    throw new ImageException(ImageErrorReason.InvalidFormat, entry.Name, $"{subject}: entry '{entry.Name}' has unsupported type {entry.EntryType}");
            }
        }

        if (entry.Length < 0)
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, entry.Name, $"{subject}: entry '{entry.Name}' has a negative size");
        }

        var (major, minor) = entry is PosixTarEntry posix ? (posix.DeviceMajor, posix.DeviceMinor) : (0, 0);
        var (user, group) = entry is PosixTarEntry names ? (NullIfEmpty(names.UserName), NullIfEmpty(names.GroupName)) : (null, null);
        return new LayerEntry
        {
            Path = path,
            Kind = kind,
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = user,
            GroupName = group,
            ModificationTime = entry.ModificationTime,
            Size = kind == LayerEntryKind.File ? entry.Length : 0,
            LinkTarget = link,
            DeviceMajor = kind is LayerEntryKind.CharDevice or LayerEntryKind.BlockDevice ? major : 0,
            DeviceMinor = kind is LayerEntryKind.CharDevice or LayerEntryKind.BlockDevice ? minor : 0,
            Xattrs = Xattrs(entry),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static IReadOnlyDictionary<string, string> Xattrs(TarEntry entry)
    {
        if (entry is not PaxTarEntry pax)
        {
            return LayerEntry.EmptyXattrs;
        }

        Dictionary<string, string>? xattrs = null;
        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            if (key.StartsWith(XattrPrefix, StringComparison.Ordinal))
            {
                (xattrs ??= new(StringComparer.Ordinal))[key[XattrPrefix.Length..]] = value;
            }
        }

        return xattrs ?? LayerEntry.EmptyXattrs;
    }
}
