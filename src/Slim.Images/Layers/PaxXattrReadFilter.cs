using Slim.Images.Streams;
namespace Slim.Images.Layers;

/// <summary>
/// A read filter in front of <c>TarReader</c> that follows the tar structure and re-encodes the xattr values of PAX
/// extended headers (see <see cref="PaxXattrRecords"/>), so binary xattrs reach <see cref="LayerEntry.Xattrs"/> intact.
/// Headers and data it does not need to change pass through as they are; a malformed stream is left to the tar reader to refuse.
/// </summary>
internal sealed class PaxXattrReadFilter(Stream inner) : ForwardOnlyReadStream
{
    private const long MaxPaxHeader = 1 << 20;
    private byte[] _out = [];
    private int _outOffset;
    private long _passthrough;
    private bool _ended;
    private bool _named;

    public override int Read(byte[] buffer, int offset, int count) => ReadCoreAsync(buffer.AsMemory(offset, count), false, default).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer) => ReadThroughArray(buffer, memory => ReadCoreAsync(memory, false, default).AsTask().GetAwaiter().GetResult());

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadCoreAsync(buffer.AsMemory(offset, count), true, cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, true, cancellationToken);

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool isAsync, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_outOffset < _out.Length)
            {
                var n = Math.Min(buffer.Length, _out.Length - _outOffset);
                _out.AsSpan(_outOffset, n).CopyTo(buffer.Span);
                _outOffset += n;
                return n;
            }

            if (_passthrough > 0)
            {
                var want = (int)Math.Min(buffer.Length, _passthrough);
                var n = isAsync ? await inner.ReadAsync(buffer[..want], cancellationToken).ConfigureAwait(false) : inner.Read(buffer.Span[..want]);
                _passthrough -= n;
                return n;
            }

            if (_ended)
            {
                return isAsync ? await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) : inner.Read(buffer.Span);
            }

            var header = new byte[TarHeaderBlock.Size];
            var got = await FillAsync(header, isAsync, cancellationToken).ConfigureAwait(false);
            if (got < header.Length || TarHeaderBlock.IsZero(header))
            {
                _ended = got < header.Length; // a short block: hand it over and let the reader judge
                SetOut(header.AsSpan(0, got).ToArray());
                if (got == 0)
                {
                    return 0;
                }

                continue;
            }

            var size = TarHeaderBlock.DataSize(header);
            if (TarHeaderBlock.Type(header) is 'x' or 'g' && size <= MaxPaxHeader)
            {
                var padded = new byte[TarHeaderBlock.Padded(size)];
                var read = await FillAsync(padded, isAsync, cancellationToken).ConfigureAwait(false);
                if (read < padded.Length)
                {
                    _ended = true;
                    SetOut([.. header, .. padded.AsSpan(0, read)]);
                    continue;
                }

                var data = PaxXattrRecords.ToReadable(padded.AsSpan(0, (int)size));
                TarHeaderBlock.SetDataSize(header, data.Length);
                TarHeaderBlock.UpdateChecksum(header);
                SetOut([.. header, .. data, .. new byte[TarHeaderBlock.Padded(data.Length) - data.Length]]);
                _named = TarHeaderBlock.Type(header) == 'x';
                continue;
            }

            // a ustar name that is not UTF-8 (and no PAX header named the entry): name it by a PAX header of our own,
            // in the lossless form, so that the reader does not fold its bytes into U+FFFD
            if (!_named && TarHeaderBlock.Type(header) is not ('L' or 'K') && TarHeaderBlock.RawName(header, out var name, out var link))
            {
                var records = PaxXattrRecords.NameRecords(name, link);
                var pax = new byte[TarHeaderBlock.Size];
                "PaxHeaders.0/name"u8.CopyTo(pax);
                header[100..156].CopyTo(pax.AsSpan(100)); // mode, owner, mtime: well-formed fields the reader can parse
                pax[156] = (byte)'x';
                "ustar\000"u8.CopyTo(pax.AsSpan(257));
                TarHeaderBlock.SetDataSize(pax, records.Length);
                TarHeaderBlock.UpdateChecksum(pax);
                SetOut([.. pax, .. records, .. new byte[TarHeaderBlock.Padded(records.Length) - records.Length], .. header]);
            }
            else
            {
                SetOut(header);
            }

            _named = false;
            _passthrough = TarHeaderBlock.Padded(size);
        }
    }

    private void SetOut(byte[] bytes)
    {
        _out = bytes;
        _outOffset = 0;
    }

    private async ValueTask<int> FillAsync(byte[] block, bool isAsync, CancellationToken cancellationToken) =>
        isAsync
            ? await inner.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)
            : inner.ReadAtLeast(block, block.Length, throwOnEndOfStream: false);

}
