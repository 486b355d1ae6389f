using System.Security.Cryptography;
using Slim.Images.Model;

namespace Slim.Images.Streams;

/// <summary>A write-only pass-through that hashes (sha256) and counts what goes through it: a diff_id or a blob digest while writing.</summary>
public sealed class HashingWriteStream(Stream inner, bool leaveOpen = false) : WriteThroughStream(inner, leaveOpen)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Digest? _digest;

    public long BytesWritten { get; private set; }

    /// <summary>The digest of everything written; call once writing is done.</summary>
    public Digest GetDigest() => _digest ??= Digest.FromSha256(_hash.GetHashAndReset());

    public override long Length => BytesWritten;

    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        BytesWritten += buffer.Length;
        Inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        BytesWritten += buffer.Length;
        return Inner.WriteAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
