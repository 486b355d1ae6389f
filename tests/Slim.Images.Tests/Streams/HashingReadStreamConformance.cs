using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

public sealed class HashingReadStreamConformance : ReadStreamConformance
{
    protected override bool DisposesInner => false;

    protected override bool ReportsPosition => true;

    protected override Stream Open(byte[] content) => new HashingReadStream(Inner(content));

    [Theory]
    [InlineData(1)]
    [InlineData(4093)]
    public async Task The_digest_and_count_are_those_of_the_bytes_read(int chunk)
    {
        using var synchronous = new HashingReadStream(Inner(Content));
        Drain(synchronous, chunk, (s, b) => s.Read(b.Span));
        using var asynchronous = new HashingReadStream(Inner(Content));
        await DrainAsync(asynchronous, chunk, (s, b) => s.ReadAsync(b));

        Assert.Equal(Digest.Compute(Content), synchronous.GetDigest());
        Assert.Equal(Digest.Compute(Content), asynchronous.GetDigest());
        Assert.Equal(Content.Length, synchronous.BytesRead);
    }
}
