using System.Buffers.Binary;
using System.Security.Cryptography;
using Slim.Images;

namespace Slim.Analysis.Xray;

/// <summary>
/// The SHA-256 of a file's bytes, packed into four words. Not <see cref="Slim.Images.Model.Digest"/>, the OCI digest of a
/// blob (a validated string, sha256 or sha512): xray keeps one of these per file version of the image, so it must be small
/// and cheap to compare; <see cref="ToDigest"/> gives the OCI form when one is needed.
/// </summary>
public readonly record struct PackedSha256(ulong A, ulong B, ulong C, ulong D)
{
    public static PackedSha256 FromHash(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"a SHA-256 hash is {SHA256.HashSizeInBytes} bytes, not {sha256.Length}", nameof(sha256));
        }

        return new PackedSha256(
            BinaryPrimitives.ReadUInt64BigEndian(sha256),
            BinaryPrimitives.ReadUInt64BigEndian(sha256[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(sha256[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(sha256[24..]));
    }

    /// <summary>The digest of some bytes (tests and small contents).</summary>
    public static PackedSha256 Of(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>
    /// Hashes the <paramref name="length"/> bytes of a content stream with a pooled buffer; memory does not grow with the file.
    /// It never asks for more than is left: a tar entry's stream passes a read past its end on to the layer stream below as a
    /// zero-length read, which a verifying stream may take for the end of the layer.
    /// </summary>
    public static async Task<PackedSha256> ComputeAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            var left = length;
            while (left > 0)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ImageException(ImageErrorReason.Truncated, null, $"file content ended {left} bytes early");
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        Span<byte> result = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(result);
        return FromHash(result);
    }

    public Slim.Images.Model.Digest ToDigest() => Slim.Images.Model.Digest.Parse(ToString());

    /// <summary>The OCI form, <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public override string ToString() => $"sha256:{A:x16}{B:x16}{C:x16}{D:x16}";
}
