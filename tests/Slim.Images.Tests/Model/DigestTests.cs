using Slim.Images;
using Slim.Images.Model;

namespace Slim.Images.Tests.Model;

public sealed class DigestTests
{
    private const string Hex = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    [Fact]
    public void Parse_reads_a_sha256_digest()
    {
        var digest = Digest.Parse("sha256:" + Hex);
        Assert.Equal("sha256", digest.Algorithm);
        Assert.Equal(Hex, digest.Encoded);
        Assert.Equal("sha256:" + Hex, digest.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData(":" + Hex)]
    [InlineData("sha256:2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE")] // spec: lowercase hex only
    [InlineData("sha256:2c26b46b")] // too short
    [InlineData("md5:2c26b46b68ffc68ff99b453c1d304134")] // not a registered algorithm
    [InlineData("sha256:../../../etc/passwd")]
    public void TryParse_refuses_malformed_digests(string value) =>
        Assert.False(Digest.TryParse(value, out _));

    [Fact]
    public void Parse_throws_an_image_exception_naming_the_value()
    {
        var e = Assert.Throws<ImageException>(() => Digest.Parse("sha256:nope"));
        Assert.Equal(ImageErrorReason.InvalidReference, e.Detail);
        Assert.Contains("sha256:nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_hashes_content_with_sha256() =>
        Assert.Equal("sha256:" + Hex, Digest.Compute("foo"u8).ToString());

    [Fact]
    public void Sha512_is_accepted_with_128_hex_digits() =>
        Assert.True(Digest.TryParse("sha512:" + new string('a', 128), out _));
}
