using System.Security.Cryptography;

namespace Slim.Pipeline.Probes;

/// <summary>
/// A response body read to its end: its length and SHA-256 over every byte (what verification
/// compares), and only its first bytes kept in memory for the crawl to parse.
/// </summary>
public sealed class ResponseBody
{
    private ResponseBody(long length, string sha256, byte[] head)
    {
        Length = length;
        Sha256 = sha256;
        Head = head;
    }

    public long Length { get; }

    public string Sha256 { get; }

    /// <summary>The first bytes, at most the limit given when reading.</summary>
    public byte[] Head { get; }

    public bool Truncated => Head.LongLength < Length;

    public static async Task<ResponseBody> ReadAsync(Stream stream, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var head = new MemoryStream();
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            var room = (int)Math.Min(read, keep - head.Length);
            if (room > 0)
            {
                head.Write(buffer, 0, room);
            }

            length += read;
        }

        return new ResponseBody(length, Convert.ToHexStringLower(hash.GetHashAndReset()), head.ToArray());
    }
}
