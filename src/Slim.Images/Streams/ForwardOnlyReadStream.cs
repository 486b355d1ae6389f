namespace Slim.Images.Streams;

/// <summary>
/// The common ground of our read-through wrappers: readable, never seekable or writable. A subclass says how to read
/// (span and memory); the array overloads, Flush and the refusals live here once.
/// </summary>
public abstract class ForwardOnlyReadStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public abstract override int Read(Span<byte> buffer);

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>For a subclass whose reading is asynchronous at heart: a span read through a temporary array and <paramref name="read"/>.</summary>
    protected static int ReadThroughArray(Span<byte> buffer, Func<Memory<byte>, int> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var array = new byte[buffer.Length];
        var n = read(array);
        array.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
