using Microsoft.Win32.SafeHandles;

namespace Slim.Images.Streams;

/// <summary>A read-only window on part of a file, read with positional I/O so several windows can be open at once.</summary>
public sealed class FileRangeStream(SafeFileHandle handle, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    /// <summary>Where the next read starts; past the end is allowed (reads give nothing), before the start is not.</summary>
    public override long Position
    {
        get => _position;
        set
        {
            // Clamping hid a caller's bad offset: a negative one read from the start as if it were right.
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, length - _position);

        var read = RandomAccess.Read(handle, buffer[..n], start + _position);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, length - _position);

        var read = await RandomAccess.ReadAsync(handle, buffer[..n], start + _position, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentException($"unknown seek origin {origin}", nameof(origin)),
        };
        if (target < 0)
        {
            throw new IOException($"cannot seek to {target}, before the start of the range");
        }

        _position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
