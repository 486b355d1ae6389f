using Slim.Rebuild.Packages;

namespace Slim.Rebuild.Tests.Packages;

public sealed class PackageUrlTests
{
    private static readonly OsRelease Debian = OsRelease.Parse("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n")!;

    [Fact]
    public void The_os_release_file_gives_id_and_version_without_quotes()
    {
        Assert.Equal(("debian", "12", "Debian GNU/Linux 12 (bookworm)"), (Debian.Id, Debian.VersionId, Debian.PrettyName));
    }

    [Fact]
    public void A_file_without_an_id_is_no_release()
    {
        Assert.Null(OsRelease.Parse("NAME=x\n"));
    }

    [Fact]
    public void A_deb_purl_carries_arch_and_distro_and_encodes_the_versions_plus_and_epoch()
    {
        var libc = new KeptPackage(PackageManager.Dpkg, "libc6", "2.36-9+deb12u4", "amd64", 1, 1);
        var perl = new KeptPackage(PackageManager.Dpkg, "perl-base", "1:5.36.0-7", "amd64", 1, 1);

        Assert.Equal("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12", PackageUrl.For(libc, Debian));
        Assert.Equal("pkg:deb/debian/perl-base@1%3A5.36.0-7?arch=amd64&distro=debian-12", PackageUrl.For(perl, Debian));
    }

    [Fact]
    public void Debians_point_release_from_debian_version_names_the_distro_as_trivy_does()
    {
        var libc = new KeptPackage(PackageManager.Dpkg, "libc6", "2.36-9+deb12u4", "amd64", 1, 1);
        var point = Debian.WithDebianVersion("12.11\n");

        Assert.Equal("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.11", PackageUrl.For(libc, point));
        Assert.Equal("12.11", point.Release);
        // Not a point release of this VERSION_ID: testing's codename, another major, or no Debian at all.
        Assert.Null(Debian.WithDebianVersion("trixie/sid").PointRelease);
        Assert.Null(Debian.WithDebianVersion("11.9").PointRelease);
        Assert.Null(OsRelease.Parse("ID=ubuntu\nVERSION_ID=24.04\n")!.WithDebianVersion("12.0").PointRelease);
    }

    [Fact]
    public void An_apk_purl_names_alpine()
    {
        var alpine = OsRelease.Parse("ID=alpine\nVERSION_ID=3.20.3\n");
        var musl = new KeptPackage(PackageManager.Apk, "musl", "1.2.5-r0", "x86_64", 1, 1);

        Assert.Equal("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3", PackageUrl.For(musl, alpine));
    }
}
