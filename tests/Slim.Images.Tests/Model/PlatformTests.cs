using Slim.Images;
using Slim.Images.Model;

namespace Slim.Images.Tests.Model;

public sealed class PlatformTests
{
    [Fact]
    public void Parse_reads_os_arch_and_variant()
    {
        var platform = Platform.Parse("linux/arm64/v8");
        Assert.Equal(("linux", "arm64", "v8"), (platform.Os, platform.Architecture, platform.Variant));
        Assert.Equal("linux/arm64/v8", platform.ToString());
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("/amd64")]
    [InlineData("a/b/c/d")]
    public void Parse_refuses_malformed_platforms(string value) =>
        Assert.Equal(ImageErrorReason.InvalidReference, Assert.Throws<ImageException>(() => Platform.Parse(value)).Detail);

    [Fact]
    public void A_wanted_platform_without_variant_accepts_any_variant()
    {
        Assert.True(Platform.Parse("linux/arm").Accepts(Platform.Parse("linux/arm/v7")));
        Assert.False(Platform.Parse("linux/arm/v6").Accepts(Platform.Parse("linux/arm/v7")));
        Assert.False(Platform.LinuxAmd64.Accepts(Platform.Parse("linux/arm64")));
        Assert.False(Platform.LinuxAmd64.Accepts(null));
    }
}
