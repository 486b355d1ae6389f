namespace Slim.Images.Streams;

/// <summary>A read-only pass-through that counts what was read: where a forward-only reader stands in its input.</summary>
public class CountingReadStream(Stream inner) : ForwardOnlyReadStream
{
    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        BytesRead += n;
        return n;
    }
}
