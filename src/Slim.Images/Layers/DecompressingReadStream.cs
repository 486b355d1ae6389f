using Slim.Images.Streams;

namespace Slim.Images.Layers;

/// <summary>
/// A layer blob's decompressed bytes (gzip or zstd), where a blob that does not decompress is an
/// <see cref="ImageException"/> naming the layer, never the decoder's own exception. Before saying so it reads the rest of
/// the compressed blob: when that is a digest-checking stream, a blob whose bytes are not those its digest names is
/// reported as the digest mismatch (or truncation) it is, the cause of the broken compression.
/// </summary>
internal sealed class DecompressingReadStream(Stream decoder, Stream compressed, string subject) : ForwardOnlyReadStream
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return decoder.Read(buffer);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            try
            {
                compressed.CopyTo(Stream.Null);
            }
            catch (Exception drain) when (drain is not ImageException)
            {
                // the blob's own failure to read says no more than the decoder did
            }

            throw DoesNotDecompress(e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            try
            {
                await compressed.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception drain) when (drain is not ImageException and not OperationCanceledException)
            {
            }

            throw DoesNotDecompress(e);
        }
    }

    private static bool IsDecodingFailure(Exception e) => e is InvalidDataException or ZstdSharp.ZstdException;

    private ImageException DoesNotDecompress(Exception e) =>
        new(ImageErrorReason.InvalidFormat, subject, $"{subject} does not decompress: {e.Message}", e);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await decoder.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
