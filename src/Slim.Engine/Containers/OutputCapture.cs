using System.Security.Cryptography;
using System.Text;

namespace Slim.Engine.Containers;

/// <summary>
/// Takes an output stream chunk by chunk and keeps only a <see cref="CapturedOutput"/>: a running SHA-256, the counts,
/// the first <see cref="KeptBytes"/> bytes and a ring of the last <see cref="KeptBytes"/>. Memory stays the same whatever
/// is written.
/// </summary>
public sealed class OutputCapture : IDisposable
{
    /// <summary>How much of the start and of the end is kept (each).</summary>
    public const int KeptBytes = 64 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _head = new byte[KeptBytes];
    private readonly byte[] _tail = new byte[KeptBytes];
    private int _headLength;
    private long _tailWritten; // bytes written to the ring; the ring holds the last min(this, KeptBytes)
    private long _bytes;
    private long _newlines;
    private byte _last;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        _hash.AppendData(chunk);
        _bytes += chunk.Length;
        _newlines += chunk.Count((byte)'\n');
        _last = chunk[^1];

        var toHead = Math.Min(KeptBytes - _headLength, chunk.Length);
        chunk[..toHead].CopyTo(_head.AsSpan(_headLength));
        _headLength += toHead;
        var rest = chunk[toHead..];
        if (rest.Length > KeptBytes)
        {
            _tailWritten += rest.Length - KeptBytes;
            rest = rest[^KeptBytes..];
        }

        while (!rest.IsEmpty)
        {
            var at = (int)(_tailWritten % KeptBytes);
            var n = Math.Min(KeptBytes - at, rest.Length);
            rest[..n].CopyTo(_tail.AsSpan(at));
            _tailWritten += n;
            rest = rest[n..];
        }
    }

    public CapturedOutput Finish()
    {
        var sha = Convert.ToHexStringLower(_hash.GetHashAndReset());
        var lines = _newlines + (_bytes > 0 && _last != (byte)'\n' ? 1 : 0);
        if (_tailWritten == 0)
        {
            return new CapturedOutput(sha, _bytes, lines, Encoding.UTF8.GetString(_head, 0, _headLength), "");
        }

        // Whole lines only: the head up to its last newline, the tail from after its first one, unless the two meet.
        var head = _head.AsSpan(0, _headLength);
        var cut = head.LastIndexOf((byte)'\n');
        var headText = Encoding.UTF8.GetString(cut >= 0 ? head[..(cut + 1)] : head);
        var ring = Ring();
        var meets = _tailWritten <= KeptBytes;
        var start = meets ? -1 : ring.IndexOf((byte)'\n');
        var tailBytes = meets ? ring : start >= 0 ? ring[(start + 1)..] : ring;
        if (meets && cut >= 0)
        {
            // Head and tail are contiguous: move the head's cut-off partial line to the tail, so no line is split.
            tailBytes = [.. head[(cut + 1)..], .. ring];
        }

        return new CapturedOutput(sha, _bytes, lines, headText, Encoding.UTF8.GetString(tailBytes));
    }

    public void Dispose() => _hash.Dispose();

    private byte[] Ring()
    {
        if (_tailWritten <= KeptBytes)
        {
            return _tail.AsSpan(0, (int)_tailWritten).ToArray();
        }

        var at = (int)(_tailWritten % KeptBytes);
        return [.. _tail.AsSpan(at), .. _tail.AsSpan(0, at)];
    }
}
