using Slim.Images.Streams;

namespace Slim.Images.Layers;

/// <summary>
/// A layer entry's content as the tar reader hands it out, where a layer that ends before the entry's claimed size is an
/// <see cref="ImageException"/> naming the layer and the path (an absurd size, a truncated blob), not a bare end of stream.
/// </summary>
internal sealed class EntryContentStream(Stream inner, string subject, string path, long size) : ForwardOnlyReadStream
{
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw EndedEarly(e);
        }

        return Count(buffer.Length, n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw EndedEarly(e);
        }

        return Count(buffer.Length, n);
    }

    private int Count(int wanted, int n)
    {
        _read += n;
        if (n == 0 && wanted > 0 && _read < size)
        {
            throw EndedEarly(null);
        }

        return n;
    }

    private ImageException EndedEarly(Exception? inner) => new(ImageErrorReason.Truncated, path,
        $"{subject}: entry '{path}' claims {size} bytes but the layer ends after {_read} (truncated, or a size that is not real)", inner);
}
