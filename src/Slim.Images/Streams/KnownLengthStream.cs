namespace Slim.Images.Streams;

/// <summary>
/// A forward-only read stream that announces its length, so <c>TarWriter</c> can write an entry from an unseekable source
/// (a network stream, a decompressor) into an unseekable archive. Seeking is refused; the inner stream must deliver
/// exactly <c>length</c> bytes (verifying streams make sure of it).
/// </summary>
internal sealed class KnownLengthStream(Stream inner, long length) : CountingReadStream(inner)
{
    private readonly Stream _inner = inner;

    public override bool CanSeek => true;

    public override long Length => length;

    public override long Position { get => BytesRead; set => throw new NotSupportedException("forward-only stream"); }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
