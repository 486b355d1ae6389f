using System.Text;
using System.Text.RegularExpressions;
using Slim.Images.Streams;

namespace Slim.Images.Layers;

/// <summary>
/// A write-through filter over a tar stream that makes .NET's PAX extended headers reproducible: <c>PaxTarEntry</c> names them
/// <c>./PaxHeaders.&lt;pid&gt;/NAME</c>, so the same layer written by two processes differs. This rewrites the pid to 0 and fixes
/// the header checksum, and writes xattr values as raw bytes (see <see cref="PaxXattrRecords"/>); file contents pass through unchanged. It follows the tar structure (header, data, padding) as it goes.
/// </summary>
internal sealed partial class PaxHeaderNormalizer(Stream inner, bool leaveOpen) : WriteThroughStream(inner, leaveOpen)
{
    private const int Block = 512;
    private const long MaxPaxHeader = 1 << 20;
    private readonly byte[] _header = new byte[Block];
    private readonly MemoryStream _pendingData = new();
    private int _headerFill;
    private long _skip;
    private byte[]? _pending;
    private long _pendingSize;
    private long _pendingPadded;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var output = new MemoryStream();
        Consume(buffer, output);
        Inner.Write(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_skip >= buffer.Length && _pending is null)
        {
            _skip -= buffer.Length; // the bulk of a layer: file content, straight through
            await Inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        var output = new MemoryStream();
        Consume(buffer.Span, output);
        await Inner.WriteAsync(output.GetBuffer().AsMemory(0, (int)output.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Follows the tar structure through <paramref name="buffer"/>, writing what can be written to <paramref name="output"/>.</summary>
    private void Consume(ReadOnlySpan<byte> buffer, MemoryStream output)
    {
        while (!buffer.IsEmpty)
        {
            if (_pending is not null)
            {
                var need = (int)(_pendingPadded - _pendingData.Length);
                var n = Math.Min(need, buffer.Length);
                _pendingData.Write(buffer[..n]);
                buffer = buffer[n..];
                if (_pendingData.Length == _pendingPadded)
                {
                    EmitPending(output);
                }

                continue;
            }

            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, buffer.Length);
                output.Write(buffer[..n]);
                _skip -= n;
                buffer = buffer[n..];
                continue;
            }

            var take = Math.Min(Block - _headerFill, buffer.Length);
            buffer[..take].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            buffer = buffer[take..];
            if (_headerFill == Block)
            {
                _headerFill = 0;
                var size = TarHeaderBlock.IsZero(_header) ? 0 : TarHeaderBlock.DataSize(_header);
                if (TarHeaderBlock.Type(_header) is 'x' or 'g' && size <= MaxPaxHeader && !TarHeaderBlock.IsZero(_header))
                {
                    _pending = (byte[])_header.Clone();
                    _pendingSize = size;
                    _pendingPadded = TarHeaderBlock.Padded(size);
                    _pendingData.SetLength(0);
                    if (_pendingPadded == 0)
                    {
                        EmitPending(output);
                    }
                }
                else
                {
                    output.Write(_header);
                    _skip = TarHeaderBlock.Padded(size);
                }
            }
        }
    }

    /// <summary>Writes a held PAX header with a pid-free name and raw xattr bytes, its size and checksum fixed.</summary>
    private void EmitPending(MemoryStream output)
    {
        var header = _pending!;
        _pending = null;
        var data = PaxXattrRecords.ToRaw(_pendingData.GetBuffer().AsSpan(0, (int)_pendingSize));
        var nameEnd = Array.IndexOf(header, (byte)0, 0, 100);
        var name = Encoding.UTF8.GetString(header, 0, nameEnd < 0 ? 100 : nameEnd);
        var bytes = Encoding.UTF8.GetBytes(PidPattern().Replace(name, "PaxHeaders.0"));
        Array.Clear(header, 0, 100);
        bytes.AsSpan(0, Math.Min(100, bytes.Length)).CopyTo(header);
        TarHeaderBlock.SetDataSize(header, data.Length);
        TarHeaderBlock.UpdateChecksum(header);
        output.Write(header);
        output.Write(data);
        output.Write(new byte[TarHeaderBlock.Padded(data.Length) - data.Length]);
    }

    [GeneratedRegex(@"PaxHeaders\.\d+")]
    private static partial Regex PidPattern();
}
