namespace Slim.Images.Tests.Streams;

/// <summary>Content for the stream conformance tests: the same pseudo-random bytes every run, a size no buffer divides.</summary>
public static class ConformanceBytes
{
    public const int Size = 20_011;

    public static byte[] Make(int size = Size)
    {
        var bytes = new byte[size];
        new Random(15).NextBytes(bytes);
        return bytes;
    }
}
