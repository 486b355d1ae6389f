using Slim.Images;
using Slim.Images.Transports;

namespace Slim.Images.Tests.Model;

public sealed class ImageLocationTests
{
    [Fact]
    public void No_transport_means_the_engine()
    {
        var location = Assert.IsType<DaemonImageLocation>(ImageLocation.Parse("myapp"));
        Assert.Equal("docker.io/library/myapp:latest", location.EngineName);
    }

    [Fact]
    public void A_registry_port_is_not_taken_for_a_transport()
    {
        var location = Assert.IsType<DaemonImageLocation>(ImageLocation.Parse("localhost:5000/app:1"));
        Assert.Equal("localhost:5000/app:1", location.EngineName);
    }

    [Fact]
    public void Docker_daemon_accepts_a_reference_or_an_image_id()
    {
        Assert.Equal("docker.io/library/busybox:latest", Assert.IsType<DaemonImageLocation>(ImageLocation.Parse("docker-daemon:busybox")).EngineName);
        var id = "sha256:" + new string('c', 64);
        Assert.Equal(id, Assert.IsType<DaemonImageLocation>(ImageLocation.Parse("docker-daemon:" + id)).EngineName);
    }

    [Fact]
    public void Docker_archive_takes_a_path_and_an_optional_reference()
    {
        var plain = Assert.IsType<DockerArchiveLocation>(ImageLocation.Parse("docker-archive:/tmp/a.tar"));
        Assert.Equal(("/tmp/a.tar", null), (plain.Path, plain.Reference));
        var named = Assert.IsType<DockerArchiveLocation>(ImageLocation.Parse("docker-archive:/tmp/a.tar:app:1"));
        Assert.Equal("/tmp/a.tar", named.Path);
        Assert.Equal("docker.io/library/app:1", named.Reference!.ToString());
    }

    [Fact]
    public void Oci_and_oci_archive_take_a_path_and_an_optional_ref_name()
    {
        var layout = Assert.IsType<OciLayoutLocation>(ImageLocation.Parse("oci:/tmp/layout:v1"));
        Assert.Equal(("/tmp/layout", "v1"), (layout.Path, layout.Reference));
        var archive = Assert.IsType<OciArchiveLocation>(ImageLocation.Parse("oci-archive:x.tar"));
        Assert.Equal(("x.tar", null), (archive.Path, archive.Reference));
    }

    [Theory]
    [InlineData("dir:/tmp/image")]
    [InlineData("containers-storage:busybox")]
    public void Unsupported_transports_are_named(string value) =>
        Assert.Equal(ImageErrorReason.UnsupportedTransport, Assert.Throws<ImageException>(() => ImageLocation.Parse(value)).Detail);

    [Theory]
    [InlineData("docker-archive:")]
    [InlineData("oci::tag")]
    public void A_missing_path_is_refused(string value) =>
        Assert.Equal(ImageErrorReason.InvalidReference, Assert.Throws<ImageException>(() => ImageLocation.Parse(value)).Detail);
}
