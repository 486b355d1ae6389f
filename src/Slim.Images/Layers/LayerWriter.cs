using System.Formats.Tar;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Layers;

/// <summary>
/// Writes one layer deterministically: entries must come in ordinal path order (checked), PAX header names are normalised,
/// mtimes can be pinned, and both digests are computed while writing (diff_id over the tar, digest over the compressed blob).
/// Writing the same entries twice gives the same bytes.
/// </summary>
public sealed class LayerWriter : IAsyncDisposable
{
    private readonly HashingWriteStream _blob;
    private readonly Stream _compressor;
    private readonly HashingWriteStream _tar;
    private readonly PaxHeaderNormalizer _normalizer;
    private readonly TarWriter _writer;
    private readonly LayerCompression _compression;
    private readonly DateTimeOffset? _fixedTime;
    private string? _last;
    private int _count;
    private bool _completed;

    /// <param name="destination">Receives the blob; left open.</param>
    /// <param name="compression">How to compress the blob.</param>
    /// <param name="fixedModificationTime">When set, every entry gets this mtime (for builds that must not depend on file times).</param>
    public LayerWriter(Stream destination, LayerCompression compression, DateTimeOffset? fixedModificationTime = null)
    {
        _compression = compression;
        _fixedTime = fixedModificationTime;
        _blob = new HashingWriteStream(destination, leaveOpen: true);
        _compressor = LayerStreams.Compress(_blob, compression, leaveOpen: true);
        _tar = new HashingWriteStream(_compressor, leaveOpen: true);
        _normalizer = new PaxHeaderNormalizer(_tar, leaveOpen: true);
        _writer = new TarWriter(_normalizer, TarEntryFormat.Pax, leaveOpen: true);
    }

    /// <summary>Adds an entry; <paramref name="content"/> must hold exactly <see cref="LayerEntry.Size"/> bytes for files.</summary>
    public async Task AddAsync(LayerEntry entry, Stream? content, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_last is not null && string.CompareOrdinal(_last, entry.Path) >= 0)
        {
            throw new ArgumentException($"entries must be added in ordinal path order, once each: '{entry.Path}' after '{_last}'", nameof(entry));
        }

        _last = entry.Path;
        var tarEntry = ToTar(entry);
        if (entry.Kind == LayerEntryKind.File && entry.Size > 0)
        {
            ArgumentNullException.ThrowIfNull(content);
            tarEntry.DataStream = new KnownLengthStream(content, entry.Size);
        }

        await _writer.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        if (tarEntry.DataStream is KnownLengthStream written && written.Position != entry.Size)
        {
            throw new ImageException(ImageErrorReason.Truncated, entry.Path, $"content of '{entry.Path}' was {written.Position} bytes, expected {entry.Size}");
        }

        _count++;
    }

    /// <summary>Finishes the tar and the compression and returns the digests.</summary>
    public async Task<WrittenLayer> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _normalizer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _tar.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _compressor.DisposeAsync().ConfigureAwait(false);
        await _blob.FlushAsync(cancellationToken).ConfigureAwait(false);
        var descriptor = new Descriptor
        {
            MediaType = MediaType.OciLayerFor(_compression),
            Digest = _blob.GetDigest(),
            Size = _blob.BytesWritten,
        };
        return new WrittenLayer(descriptor, _tar.GetDigest(), _tar.BytesWritten, _count);
    }

    private PaxTarEntry ToTar(LayerEntry entry)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entry.Xattrs.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            attributes["SCHILY.xattr." + key] = value;
        }

        var (type, name) = entry.Kind switch
        {
            LayerEntryKind.File => (TarEntryType.RegularFile, entry.Path),
            LayerEntryKind.Directory => (TarEntryType.Directory, entry.Path + "/"),
            LayerEntryKind.Symlink => (TarEntryType.SymbolicLink, entry.Path),
            LayerEntryKind.Hardlink => (TarEntryType.HardLink, entry.Path),
            LayerEntryKind.CharDevice => (TarEntryType.CharacterDevice, entry.Path),
            LayerEntryKind.BlockDevice => (TarEntryType.BlockDevice, entry.Path),
            LayerEntryKind.Fifo => (TarEntryType.Fifo, entry.Path),
            LayerEntryKind.Whiteout => (TarEntryType.RegularFile, WhiteoutName(entry.Path, LayerReader.WhiteoutPrefix + entry.Path[(entry.Path.LastIndexOf('/') + 1)..])),
            _ => (TarEntryType.RegularFile, entry.Path.Length == 0 ? LayerReader.OpaqueMarker : entry.Path + "/" + LayerReader.OpaqueMarker),
        };

        var tar = new PaxTarEntry(type, name, attributes)
        {
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            UserName = entry.UserName ?? "",
            GroupName = entry.GroupName ?? "",
            ModificationTime = _fixedTime ?? entry.ModificationTime,
        };
        if (entry.Kind is LayerEntryKind.Symlink or LayerEntryKind.Hardlink)
        {
            tar.LinkName = entry.LinkTarget ?? "";
        }

        if (entry.Kind is LayerEntryKind.CharDevice or LayerEntryKind.BlockDevice)
        {
            tar.DeviceMajor = entry.DeviceMajor;
            tar.DeviceMinor = entry.DeviceMinor;
        }

        return tar;
    }

    private static string WhiteoutName(string path, string name)
    {
        var parent = Archives.ArchivePath.Parent(path);
        return parent.Length == 0 ? name : parent + "/" + name;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _compressor.DisposeAsync().ConfigureAwait(false);
        }

        _tar.Dispose();
        _blob.Dispose();
    }
}
