using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Sources;

/// <summary>Layer reading on top of any <see cref="IImageSource"/>.</summary>
public static class ImageSourceExtensions
{
    /// <summary>
    /// Layer <paramref name="index"/> of <paramref name="image"/> as an uncompressed tar stream (gzip or zstd sniffed from the bytes).
    /// Reading it to the end checks both the blob digest and the diff_id.
    /// </summary>
    public static async Task<Stream> OpenLayerTarAsync(this IImageSource source, SourceImage image, int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, image.Layers.Count);
        var descriptor = image.Layers[index];
        var blob = await source.OpenBlobAsync(descriptor, cancellationToken).ConfigureAwait(false);
        try
        {
            var (tar, compression) = await LayerStreams.OpenUncompressedAsync(blob, $"{source.Description}: layer {index} ({descriptor.Digest})", cancellationToken).ConfigureAwait(false);
            var diffId = image.DiffId(index);
            if (compression == LayerCompression.None && descriptor.Digest == diffId)
            {
                return tar;
            }

            return new VerifyingReadStream(tar, diffId, null, $"{source.Description}: layer {index} ({descriptor.Digest}) uncompressed content (diff_id)");
        }
        catch
        {
            await blob.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads a whole small blob (manifest, config, index), refusing absurd sizes.</summary>
    internal static async Task<byte[]> ReadSmallAsync(Stream stream, long size, string subject, CancellationToken cancellationToken)
    {
        const long limit = 32 << 20;
        if (size > limit)
        {
            throw new ImageException(ImageErrorReason.TooLarge, subject, $"{subject} is {size} bytes; JSON documents over {limit} bytes are refused");
        }

        var buffer = new MemoryStream((int)Math.Max(size, 0));
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
