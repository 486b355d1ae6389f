using System.Text;
using Slim.Rebuild.Packages;

namespace Slim.Rebuild.Tests.Packages;

/// <summary>A distroless-style status.d (one status file and one md5sums file per package, no info directory), made by hand.</summary>
public sealed class DpkgStatusDirectoryPruningTests
{
    private const string Sum = "0123456789abcdef0123456789abcdef  ";

    private static readonly Dictionary<string, string> StatusD = new(StringComparer.Ordinal)
    {
        ["libc6"] = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9+deb12u10\n",
        ["libc6.md5sums"] = Sum + "usr/lib/x86_64-linux-gnu/libc.so.6\n" + Sum + "usr/lib/x86_64-linux-gnu/libm.so.6\n",
        ["tzdata"] = "Package: tzdata\nStatus: install ok installed\nArchitecture: all\nVersion: 2025b-0+deb12u1\n",
        ["tzdata.md5sums"] = Sum + "usr/share/zoneinfo/UTC\n",
        ["base-files"] = "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u11\n",
    };

    [Fact]
    public void A_package_whose_sums_name_a_kept_file_stays_with_its_sums_cut_and_one_whose_files_are_gone_is_removed()
    {
        var db = PackageDatabasePruner.PruneDpkgStatusDirectory(StatusD, p => p == "/usr/lib/x86_64-linux-gnu/libc.so.6" ? p : null);

        Assert.Equal(["base-files", "libc6"], db.Kept.Select(k => k.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, db.RemovedWhole);
        var libc = db.Kept.Single(k => k.Name == "libc6");
        Assert.Equal(("2.36-9+deb12u10", "amd64", 1, 2), (libc.Version, libc.Architecture, libc.FilesKept, libc.FilesListed));
        Assert.Equal(StatusD["libc6"], Encoding.UTF8.GetString(db.Files["/var/lib/dpkg/status.d/libc6"]));
        Assert.Equal(Sum + "usr/lib/x86_64-linux-gnu/libc.so.6\n", Encoding.UTF8.GetString(db.Files["/var/lib/dpkg/status.d/libc6.md5sums"]));
        // base-files has no sums: nothing says it is gone, so it stays whole.
        Assert.True(db.Files.ContainsKey("/var/lib/dpkg/status.d/base-files"));
        Assert.DoesNotContain(db.Files.Keys, k => k.Contains("tzdata", StringComparison.Ordinal));
        Assert.False(db.Files.ContainsKey("/var/lib/dpkg/status"));
        Assert.Equal(["/usr/lib/x86_64-linux-gnu/libc.so.6"], db.OwnedPaths);
    }
}
