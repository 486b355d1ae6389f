using System.IO.Compression;
using Slim.Images.Streams;
using ZstdSharp;

namespace Slim.Images.Layers;

/// <summary>Turns a layer blob into its tar stream, whatever the compression; the magic bytes decide, not the media type.</summary>
public static class LayerStreams
{
    /// <summary>gzip: 1f 8b; zstd frame: 28 b5 2f fd; anything else is taken as tar.</summary>
    public static LayerCompression Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1f, 0x8b, ..] => LayerCompression.Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => LayerCompression.Zstd,
        _ => LayerCompression.None,
    };

    /// <summary>
    /// Reads the first bytes of a blob, sniffs its compression and returns a stream of the uncompressed tar. Bytes that do not
    /// decompress are an <see cref="ImageException"/> about <paramref name="subject"/> (the layer).
    /// </summary>
    public static async Task<(Stream Tar, LayerCompression Compression)> OpenUncompressedAsync(Stream blob, string subject, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var read = await blob.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var prefixed = new PrefixedStream(head.AsMemory(0, read), blob);
        var compression = Detect(head.AsSpan(0, read));
        Stream tar = compression switch
        {
            LayerCompression.Gzip => new DecompressingReadStream(new GZipStream(prefixed, CompressionMode.Decompress, leaveOpen: false), prefixed, subject),
            LayerCompression.Zstd => new DecompressingReadStream(new DecompressionStream(prefixed, leaveOpen: false), prefixed, subject),
            _ => prefixed,
        };
        return (tar, compression);
    }

    /// <summary>A stream that compresses into <paramref name="destination"/> (gzip at a fixed level, so output is reproducible).</summary>
    public static Stream Compress(Stream destination, LayerCompression compression, bool leaveOpen) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(destination, CompressionLevel.Optimal, leaveOpen),
        LayerCompression.Zstd => new CompressionStream(destination, 3, leaveOpen: leaveOpen),
        _ => new WriteThroughStream(destination, leaveOpen),
    };
}
