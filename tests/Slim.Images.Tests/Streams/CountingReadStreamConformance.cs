using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

public sealed class CountingReadStreamConformance : ReadStreamConformance
{
    protected override bool DisposesInner => false;

    protected override Stream Open(byte[] content) => new CountingReadStream(Inner(content));

    [Fact]
    public async Task BytesRead_counts_every_byte_by_both_paths()
    {
        var stream = new CountingReadStream(Inner(Content));
        var half = Content.Length / 2;
        ReadAtLeast(stream, new byte[half]);
        Assert.Equal(half, stream.BytesRead);

        await DrainAsync(stream, 4093, (s, b) => s.ReadAsync(b));

        Assert.Equal(Content.Length, stream.BytesRead);
    }
}
