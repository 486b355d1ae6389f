using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

public sealed class VerifyingReadStreamConformance : ReadStreamConformance
{
    protected override bool DisposesInner => true;

    protected override bool ReportsLength => true;

    protected override bool ReportsPosition => true;

    protected override Stream Open(byte[] content) => new VerifyingReadStream(Inner(content), Digest.Compute(content), content.Length, "blob");

    [Fact]
    public void Without_a_promised_size_Length_is_refused_and_the_digest_still_checked()
    {
        using var stream = new VerifyingReadStream(Inner(Content), Digest.Compute(Content), null, "blob");

        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Equal(Content, Drain(stream, 4093, (s, b) => s.Read(b.Span)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Other_bytes_fail_at_the_end_by_either_path(bool synchronous)
    {
        var other = (byte[])Content.Clone();
        other[^1] ^= 1;
        await using var stream = new VerifyingReadStream(Inner(other), Digest.Compute(Content), Content.Length, "blob");

        var error = synchronous
            ? Assert.Throws<ImageException>(() => Drain(stream, 4093, (s, b) => s.Read(b.Span)))
            : await Assert.ThrowsAsync<ImageException>(() => DrainAsync(stream, 4093, (s, b) => s.ReadAsync(b)));

        Assert.Equal(ImageErrorReason.DigestMismatch, error.Detail);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_short_or_long_stream_fails(int difference)
    {
        await using var stream = new VerifyingReadStream(Inner(Content), Digest.Compute(Content), Content.Length + difference, "blob");

        var error = await Assert.ThrowsAsync<ImageException>(() => DrainAsync(stream, 4093, (s, b) => s.ReadAsync(b)));

        Assert.Equal(ImageErrorReason.Truncated, error.Detail);
        Assert.Contains("blob", error.Message, StringComparison.Ordinal);
    }
}
