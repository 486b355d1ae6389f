using System.Text;
using Slim.Rebuild.Packages;

namespace Slim.Rebuild.Tests.Packages;

public sealed class DpkgPruningTests
{
    private static readonly PrunedPackageDatabase Pruned =
        PackageDatabasePruner.PruneDpkg(DpkgFixture.Status, DpkgFixture.Info, DpkgFixture.KeptFile, DpkgFixture.IsDirectory);

    private static string File(string name) => Encoding.UTF8.GetString(Pruned.Files["/var/lib/dpkg/" + name]);

    [Fact]
    public void Status_holds_exactly_the_packages_that_own_a_kept_file_copied_byte_for_byte()
    {
        // tzdata lost all its files; oldpkg's kept conffile does not make a config-files package installed.
        Assert.Equal(DpkgFixture.Libc6 + "\n" + DpkgFixture.BaseFiles + "\n", File("status"));
        Assert.Equal(["libc6", "base-files"], Pruned.Kept.Select(p => p.Name));
        Assert.Equal(1, Pruned.RemovedWhole);
    }

    [Fact]
    public void Conffiles_stay_in_the_copied_paragraph()
    {
        Assert.Contains(" /etc/host.conf 4eb63731c9f5e30903ac4fc07a7fe3d6\n", File("status"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_arch_package_keeps_its_arch_qualified_info_files_with_only_the_kept_files_and_their_listed_directories()
    {
        Assert.Equal("/.\n/lib\n/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu/libc.so.6\n/lib64\n/lib64/ld-linux-x86-64.so.2\n", File("info/libc6:amd64.list"));
        Assert.Equal("11111111111111111111111111111111  lib/x86_64-linux-gnu/libc.so.6\n", File("info/libc6:amd64.md5sums"));
        Assert.DoesNotContain("/var/lib/dpkg/info/libc6.list", Pruned.Files.Keys);
    }

    [Fact]
    public void Only_list_and_md5sums_files_of_kept_packages_are_written()
    {
        Assert.Equal(
            ["/var/lib/dpkg/info/base-files.list", "/var/lib/dpkg/info/base-files.md5sums", "/var/lib/dpkg/info/libc6:amd64.list", "/var/lib/dpkg/info/libc6:amd64.md5sums", "/var/lib/dpkg/status"],
            Pruned.Files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_package_without_md5sums_gets_none()
    {
        var info = DpkgFixture.Info.Where(f => f.Key != "base-files.md5sums").ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

        var pruned = PackageDatabasePruner.PruneDpkg(DpkgFixture.Status, info, DpkgFixture.KeptFile, DpkgFixture.IsDirectory);

        Assert.Contains("/var/lib/dpkg/info/base-files.list", pruned.Files.Keys);
        Assert.DoesNotContain("/var/lib/dpkg/info/base-files.md5sums", pruned.Files.Keys);
    }

    [Fact]
    public void Counts_say_which_packages_lost_part_of_their_files()
    {
        var libc = Pruned.Kept.Single(p => p.Name == "libc6");
        var baseFiles = Pruned.Kept.Single(p => p.Name == "base-files");

        Assert.Equal((2, 4, "amd64", "2.36-9+deb12u4"), (libc.FilesKept, libc.FilesListed, libc.Architecture, libc.Version));
        Assert.Equal((3, 4), (baseFiles.FilesKept, baseFiles.FilesListed));
        Assert.Equal(2, Pruned.RemovedPartly);
    }

    [Fact]
    public void Owned_paths_are_the_kept_paths_the_lists_name_through_the_images_links()
    {
        Assert.Equal(
            ["/etc/debian_version", "/etc/os-release", "/usr/lib/os-release", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib64/ld-linux-x86-64.so.2"],
            Pruned.OwnedPaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void When_every_file_of_every_package_is_gone_the_status_is_empty()
    {
        var pruned = PackageDatabasePruner.PruneDpkg(DpkgFixture.Status, DpkgFixture.Info, _ => null);

        Assert.Empty(pruned.Kept);
        Assert.Equal(3, pruned.RemovedWhole);
        Assert.Equal("", Encoding.UTF8.GetString(pruned.Files["/var/lib/dpkg/status"]));
    }

    [Fact]
    public void Without_a_directory_test_a_listed_path_with_others_below_it_counts_as_a_directory()
    {
        var pruned = PackageDatabasePruner.PruneDpkg(DpkgFixture.Status, DpkgFixture.Info, DpkgFixture.KeptFile);

        // /home (an empty directory base-files owns) now counts as a file: the lexical rule cannot know better.
        Assert.Equal((2, 4), pruned.Kept.Single(p => p.Name == "libc6") is var l ? (l.FilesKept, l.FilesListed) : default);
        Assert.Equal(5, pruned.Kept.Single(p => p.Name == "base-files").FilesListed);
    }
}
