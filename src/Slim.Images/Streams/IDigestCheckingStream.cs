using Slim.Images.Model;

namespace Slim.Images.Streams;

/// <summary>A stream that checks, as it is read to its end, that its bytes have a digest and a size (directly or through the stream it wraps).</summary>
public interface IDigestCheckingStream
{
    bool Checks(Digest digest, long size);
}
