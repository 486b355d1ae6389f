using System.Text;
using System.Text.RegularExpressions;

namespace Slim.Rebuild.Layers;

/// <summary>
/// A write-through filter over a tar stream that makes .NET's PAX extended headers reproducible: <c>PaxTarEntry</c> names them
/// <c>./PaxHeaders.&lt;pid&gt;/NAME</c>, so the same layer written by two processes differs. This rewrites the pid to 0 and fixes
/// the header checksum; everything else passes through unchanged. It follows the tar structure (header, data, padding) as it goes.
/// </summary>
internal sealed partial class PaxHeaderNormalizer(Stream inner, bool leaveOpen) : Stream
{
    private const int Block = 512;
    private readonly byte[] _header = new byte[Block];
    private int _headerFill;
    private long _skip;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, buffer.Length);
                inner.Write(buffer[..n]);
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
                _skip = Process(_header);
                inner.Write(_header);
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, buffer.Length);
                await inner.WriteAsync(buffer[..n], cancellationToken).ConfigureAwait(false);
                _skip -= n;
                buffer = buffer[n..];
                continue;
            }

            var take = Math.Min(Block - _headerFill, buffer.Length);
            buffer.Span[..take].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            buffer = buffer[take..];
            if (_headerFill == Block)
            {
                _headerFill = 0;
                _skip = Process(_header);
                await inner.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Rewrites a PAX header's name if needed; returns how many data bytes (padded) follow the header.</summary>
    private static long Process(byte[] header)
    {
        if (header.All(b => b == 0))
        {
            return 0; // end-of-archive block
        }

        var type = (char)header[156];
        if (type is 'x' or 'g')
        {
            var nameEnd = Array.IndexOf(header, (byte)0, 0, 100);
            var name = Encoding.UTF8.GetString(header, 0, nameEnd < 0 ? 100 : nameEnd);
            var fixedName = PidPattern().Replace(name, "PaxHeaders.0");
            if (fixedName != name)
            {
                Array.Clear(header, 0, 100);
                var bytes = Encoding.UTF8.GetBytes(fixedName);
                bytes.AsSpan(0, Math.Min(100, bytes.Length)).CopyTo(header);
                WriteChecksum(header);
            }
        }

        var size = ParseSize(header.AsSpan(124, 12));
        return (size + Block - 1) / Block * Block;
    }

    private static long ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long binary = 0;
            for (var i = 1; i < field.Length; i++)
            {
                binary = (binary << 8) | field[i];
            }

            return binary;
        }

        long value = 0;
        foreach (var b in field)
        {
            if (b is >= (byte)'0' and <= (byte)'7')
            {
                value = (value * 8) + (b - '0');
            }
            else if (value > 0 || b is 0)
            {
                if (b is 0 or (byte)' ')
                {
                    break;
                }
            }
        }

        return value;
    }

    private static void WriteChecksum(byte[] header)
    {
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = header.Sum(b => (int)b);
        var text = Convert.ToString(sum, 8).PadLeft(6, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(header, 148);
        header[154] = 0;
        header[155] = (byte)' ';
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!leaveOpen)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"PaxHeaders\.\d+")]
    private static partial Regex PidPattern();
}
