using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

/// <summary>The first bytes put back in front of the rest, as a sniffer does; the inner stream is the wrapper's to close.</summary>
public class PrefixedStreamConformance : ReadStreamConformance
{
    protected virtual bool LeaveOpen => false;

    protected override bool DisposesInner => !LeaveOpen;

    protected override Stream Open(byte[] content)
    {
        var split = Math.Min(10, content.Length);
        return new PrefixedStream(content.AsMemory(0, split), Inner(content[split..]), LeaveOpen);
    }

    [Fact]
    public async Task A_read_never_spans_the_prefix_and_the_rest_and_loses_nothing()
    {
        await using var stream = new PrefixedStream(Content.AsMemory(0, 10), Inner(Content[10..]), LeaveOpen);
        var buffer = new byte[64];

        Assert.Equal(4, stream.Read(buffer.AsSpan(0, 4)));
        Assert.Equal(6, await stream.ReadAsync(buffer.AsMemory(4)));
        Assert.Equal(Content[..10], buffer[..10]);
        Assert.Equal(10, stream.PrefixLength);
        Assert.Equal(Content[10..], await DrainAsync(stream, 999, (s, b) => s.ReadAsync(b)));
    }
}
