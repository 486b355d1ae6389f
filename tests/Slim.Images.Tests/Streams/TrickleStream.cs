namespace Slim.Images.Tests.Streams;

/// <summary>
/// The inner stream of the conformance tests: fixed bytes behind an unseekable stream that hands out at most
/// <see cref="MaxRead"/> bytes per read (as a socket or a decompressor does) and remembers being disposed.
/// With <paramref name="asynchronous"/>, every async read really yields, so a wrapper's async path cannot lean on
/// synchronous completion (off by default: sync-over-async wrappers would starve two cores' thread pool).
/// </summary>
public sealed class TrickleStream(byte[] bytes, int maxRead = 1000, bool asynchronous = false) : Stream
{
    private int _position;

    public int MaxRead { get; } = maxRead;

    public bool Disposed { get; private set; }

    public override bool CanRead => !Disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        var n = Math.Min(Math.Min(buffer.Length, MaxRead), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (asynchronous)
        {
            await Task.Yield();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Read(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
