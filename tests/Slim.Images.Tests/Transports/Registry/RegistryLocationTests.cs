using Slim.Images;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;

namespace Slim.Images.Tests.Transports.Registry;

public sealed class RegistryLocationTests
{
    [Theory]
    [InlineData("docker://debian", "docker.io", "library/debian", "latest")]
    [InlineData("docker://debian:bookworm", "docker.io", "library/debian", "bookworm")]
    [InlineData("docker://myorg/app", "docker.io", "myorg/app", "latest")]
    [InlineData("docker://127.0.0.1:5000/x:1", "127.0.0.1:5000", "x", "1")]
    [InlineData("docker://localhost/team/app:v2", "localhost", "team/app", "v2")]
    [InlineData("docker://registry.example.com:8443/a/b/c", "registry.example.com:8443", "a/b/c", "latest")]
    [InlineData("docker://index.docker.io/library/busybox:1", "docker.io", "library/busybox", "1")]
    public void Bare_names_take_dockers_defaults(string value, string registry, string repository, string tag)
    {
        var location = Assert.IsType<RegistryLocation>(ImageLocation.Parse(value));
        Assert.Equal((registry, repository, tag), (location.Registry, location.Repository, location.ManifestReference));
    }

    [Fact]
    public void A_digest_is_what_the_manifest_is_fetched_by()
    {
        var digest = "sha256:" + new string('c', 64);
        var location = Assert.IsType<RegistryLocation>(ImageLocation.Parse($"docker://127.0.0.1:5000/x@{digest}"));
        Assert.Equal(digest, location.ManifestReference);
        Assert.Null(location.Reference.Tag);
        Assert.Equal($"docker://127.0.0.1:5000/x@{digest}", location.ToString());
    }

    [Fact]
    public void Docker_hubs_api_host_is_not_docker_io()
    {
        using var hub = new RegistryClient("docker.io");
        using var local = new RegistryClient("127.0.0.1:5000");
        Assert.Equal(("registry-1.docker.io", "127.0.0.1:5000"), (hub.Host, local.Host));
    }

    [Theory]
    [InlineData("docker:debian")]
    [InlineData("docker://")]
    [InlineData("docker://Upper/Case")]
    [InlineData("docker://x:bad tag")]
    [InlineData("docker://x@sha256:123")]
    public void Malformed_references_are_bad_input(string value)
    {
        var e = Assert.Throws<ImageException>(() => ImageLocation.Parse(value));
        Assert.Equal(ImageErrorReason.InvalidReference, e.Detail);
        Assert.Equal(Slim.Trace.Errors.ErrorReason.BadInput, e.Reason);
    }
}
