using System.Text;
using Slim.Rebuild.Packages;

namespace Slim.Rebuild.Tests.Packages;

public sealed class ApkPruningTests
{
    // Two records as apk writes them: package fields, then F: directories (with M: modes), each followed by its R: files
    // (with a: and Z: lines). musl keeps one of its two files, busybox none.
    private const string Musl = "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nI:622592\nT:the musl c library\nU:https://musl.libc.org/\nL:MIT\no:musl\nm:Timo Teräs <timo.teras@iki.fi>\nt:1700000000\nc:abcdef\nF:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1aaaa=\nR:libc.musl-x86_64.so.1\na:0:0:777\nZ:Q1bbbb=\nF:usr\nF:usr/share\nF:usr/share/doc\nM:0:0:755\nR:COPYRIGHT\nZ:Q1cccc=\n";

    private const string Busybox = "C:Q1def=\nP:busybox\nV:1.36.1-r15\nA:x86_64\nF:bin\nR:busybox\na:0:0:755\nZ:Q1dddd=\n";

    private const string Installed = Musl + "\n" + Busybox + "\n";

    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal) { "/lib/ld-musl-x86_64.so.1" };

    [Fact]
    public void Records_are_read_with_their_files_under_their_directories()
    {
        var records = ApkInstalledReader.Read(Installed);

        Assert.Equal(["musl", "busybox"], records.Select(r => r.Name));
        Assert.Equal(("1.2.4-r2", "x86_64"), (records[0].Version, records[0].Architecture));
        Assert.Equal(["/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1", "/usr/share/doc/COPYRIGHT"], records[0].Files);
    }

    [Fact]
    public void The_pruned_database_keeps_a_package_with_a_kept_file_and_only_that_files_lines()
    {
        var pruned = PackageDatabasePruner.PruneApk(Installed, p => Kept.Contains(p) ? p : null);

        var expected = "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nI:622592\nT:the musl c library\nU:https://musl.libc.org/\nL:MIT\no:musl\nm:Timo Teräs <timo.teras@iki.fi>\nt:1700000000\nc:abcdef\nF:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1aaaa=\n\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(pruned.Files["/lib/apk/db/installed"]));
        Assert.Equal(("musl", 1, 3), pruned.Kept.Single() is var m ? (m.Name, m.FilesKept, m.FilesListed) : default);
        Assert.Equal(1, pruned.RemovedWhole);
        Assert.Equal(1, pruned.RemovedPartly);
        Assert.Equal(["/lib/ld-musl-x86_64.so.1"], pruned.OwnedPaths);
    }

    [Fact]
    public void A_kept_file_deep_down_keeps_the_directories_above_it_with_their_modes()
    {
        var pruned = PackageDatabasePruner.PruneApk(Installed, p => p == "/usr/share/doc/COPYRIGHT" ? p : null);

        var text = Encoding.UTF8.GetString(pruned.Files["/lib/apk/db/installed"]);
        Assert.EndsWith("c:abcdef\nF:usr\nF:usr/share\nF:usr/share/doc\nM:0:0:755\nR:COPYRIGHT\nZ:Q1cccc=\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("F:lib\n", text, StringComparison.Ordinal);
    }
}
