using Slim.Images;
using Slim.Images.Model;

namespace Slim.Images.Tests.Model;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("myapp", "docker.io/library/myapp:latest", "myapp:latest")]
    [InlineData("debian:bookworm", "docker.io/library/debian:bookworm", "debian:bookworm")]
    [InlineData("myorg/app:1.0", "docker.io/myorg/app:1.0", "myorg/app:1.0")]
    [InlineData("docker.io/library/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("index.docker.io/library/busybox:1", "docker.io/library/busybox:1", "busybox:1")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app:latest")]
    [InlineData("localhost:5000/app:v2", "localhost:5000/app:v2", "localhost:5000/app:v2")]
    [InlineData("registry.example.com/team/app:x", "registry.example.com/team/app:x", "registry.example.com/team/app:x")]
    [InlineData("example.com:443/a/b/c", "example.com:443/a/b/c:latest", "example.com:443/a/b/c:latest")]
    [InlineData("slim-samples/debian:bookworm", "docker.io/slim-samples/debian:bookworm", "slim-samples/debian:bookworm")]
    [InlineData("a__b/c-d.e_f:tag_1.2-3", "docker.io/a__b/c-d.e_f:tag_1.2-3", "a__b/c-d.e_f:tag_1.2-3")]
    public void Parse_normalises_like_docker(string input, string canonical, string familiar)
    {
        var reference = ImageReference.Parse(input);
        Assert.Equal(canonical, reference.ToString());
        Assert.Equal(familiar, reference.Familiar);
    }

    [Fact]
    public void A_digest_reference_has_no_default_tag()
    {
        var digest = "sha256:" + new string('a', 64);
        var reference = ImageReference.Parse("app@" + digest);
        Assert.Null(reference.Tag);
        Assert.Equal(digest, reference.Digest.ToString());
        Assert.Equal("docker.io/library/app@" + digest, reference.ToString());
    }

    [Fact]
    public void A_tag_and_a_digest_are_both_kept()
    {
        var digest = "sha256:" + new string('b', 64);
        var reference = ImageReference.Parse("localhost:5000/app:1@" + digest);
        Assert.Equal("localhost:5000", reference.Domain);
        Assert.Equal("1", reference.Tag);
        Assert.Equal(digest, reference.Digest.ToString());
    }

    [Fact]
    public void The_first_component_is_a_domain_only_with_a_dot_a_port_or_localhost()
    {
        Assert.Equal("docker.io", ImageReference.Parse("myhost/app").Domain);
        Assert.Equal("my.host", ImageReference.Parse("my.host/app").Domain);
        Assert.Equal("myhost:5000", ImageReference.Parse("myhost:5000/app").Domain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MyApp")] // repository names are lowercase
    [InlineData("app:")] // empty tag
    [InlineData("app:-x")] // tag must start with a word character
    [InlineData("app@sha256:123")] // bad digest
    [InlineData("app//x")]
    [InlineData("app/-x")]
    [InlineData("a..b")]
    [InlineData("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")] // an image ID, not a name
    [InlineData("has space")]
    [InlineData("-bad.host:5000/app")]
    public void Invalid_references_are_refused(string input)
    {
        Assert.False(ImageReference.TryParse(input, out _));
        Assert.Equal(ImageErrorReason.InvalidReference, Assert.Throws<ImageException>(() => ImageReference.Parse(input)).Detail);
    }

    [Fact]
    public void A_tag_longer_than_128_characters_is_refused() =>
        Assert.False(ImageReference.TryParse("app:" + new string('a', 129), out _));

    [Fact]
    public void References_compare_by_their_normalised_form() =>
        Assert.Equal(ImageReference.Parse("busybox"), ImageReference.Parse("docker.io/library/busybox:latest"));

    [Fact]
    public void WithTag_replaces_tag_and_digest() =>
        Assert.Equal("docker.io/library/app:slim", ImageReference.Parse("app:1").WithTag("slim").ToString());
}
