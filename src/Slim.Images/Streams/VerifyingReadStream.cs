using System.Security.Cryptography;
using Slim.Images.Model;

namespace Slim.Images.Streams;

/// <summary>
/// A read-only pass-through that hashes what is read and, when the inner stream ends, checks the size and the
/// digest it was promised; a mismatch, a short or a long stream throw an <see cref="ImageException"/> naming the blob.
/// </summary>
public sealed class VerifyingReadStream : ForwardOnlyReadStream, IDigestCheckingStream
{
    private readonly Stream _inner;
    private readonly Digest _expected;
    private readonly long? _expectedSize;
    private readonly string _subject;
    private readonly IncrementalHash _hash;
    private bool _verified;

    public VerifyingReadStream(Stream inner, Digest expected, long? expectedSize, string subject)
    {
        _inner = inner;
        _expected = expected;
        _expectedSize = expectedSize;
        _subject = subject;
        _hash = IncrementalHash.CreateHash(expected.HashAlgorithm);
    }

    public long BytesRead { get; private set; }

    public bool Checks(Digest digest, long size) => digest == _expected && _expectedSize == size;

    /// <summary>
    /// <paramref name="content"/> when it already checks <paramref name="blob"/>'s digest and size as it is read (so the bytes
    /// are not hashed twice), else a verifying stream around it.
    /// </summary>
    public static Stream Ensure(Stream content, Descriptor blob, string subject)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(blob);
        return content is IDigestCheckingStream checking && checking.Checks(blob.Digest, blob.Size)
            ? content
            : new VerifyingReadStream(content, blob.Digest, blob.Size, subject);
    }

    public override long Length => _expectedSize ?? throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0; // a zero-length request is not the end of the stream
        }

        var n = _inner.Read(buffer);
        return Account(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..n]);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0)
        {
            BytesRead += data.Length;
            if (BytesRead > _expectedSize)
            {
                throw new ImageException(ImageErrorReason.Truncated, _subject, $"{_subject} is longer than its descriptor's {_expectedSize} bytes");
            }

            _hash.AppendData(data);
        }
        else if (!_verified)
        {
            _verified = true;
            if (_expectedSize is { } size && BytesRead != size)
            {
                throw new ImageException(ImageErrorReason.Truncated, _subject, $"{_subject} ends after {BytesRead} of {size} bytes");
            }

            Span<byte> hash = stackalloc byte[64];
            var length = _hash.GetHashAndReset(hash);
            var encoded = Convert.ToHexStringLower(hash[..length]);
            if (encoded != _expected.Encoded)
            {
                throw new ImageException(ImageErrorReason.DigestMismatch, _subject,
                    $"{_subject} does not match its digest: expected {_expected}, got {_expected.Algorithm}:{encoded}");
            }
        }

        return data.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
