using Slim.Rebuild.Selection;
using Slim.Trace;
using static Slim.Rebuild.Tests.Selection.TreeEntries;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>
/// gettext catalogs on a small image: an app's own locale/ (de, fr, a pt_BR link to pt) and the system's
/// /usr/share/locale with two domains, as Python's gettext and glibc's libintl look them up.
/// </summary>
public sealed class MessageCatalogSelectionTests
{
    [Fact]
    public async Task A_catalog_looked_up_in_vain_keeps_that_domain_in_every_language()
    {
        // The profiling run's language (en) has no catalog: gettext stats it, finds nothing, falls back to English.
        var paths = await SelectAsync(new SelectionRules(), Missing("/srv/app/locale/en/LC_MESSAGES/greeter.mo"));

        Assert.Equal(SelectionReason.DataFamily, paths["/srv/app/locale/de/LC_MESSAGES/greeter.mo"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/srv/app/locale/fr/LC_MESSAGES/greeter.mo"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/srv/app/locale/pt/LC_MESSAGES/greeter.mo"]);
        Assert.Equal(SelectionReason.Symlink, paths["/srv/app/locale/pt_BR"]);
        Assert.DoesNotContain("/srv/app/locale/de/LC_MESSAGES/other.mo", paths.Keys);
        Assert.DoesNotContain(paths.Keys, p => p.StartsWith("/usr/share/locale/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_catalog_keeps_only_its_own_domain_of_a_shared_directory()
    {
        var paths = await SelectAsync(new SelectionRules(), Read("/usr/share/locale/de/LC_MESSAGES/libc.mo"));

        Assert.Equal(SelectionReason.Traced, paths["/usr/share/locale/de/LC_MESSAGES/libc.mo"]);
        Assert.Equal(SelectionReason.DataFamily, paths["/usr/share/locale/ja/LC_MESSAGES/libc.mo"]);
        Assert.DoesNotContain("/usr/share/locale/de/LC_MESSAGES/coreutils.mo", paths.Keys);
        Assert.DoesNotContain("/usr/share/locale/ja/LC_MESSAGES/coreutils.mo", paths.Keys);
        Assert.DoesNotContain(paths.Keys, p => p.StartsWith("/srv/app/locale/", StringComparison.Ordinal) && p.EndsWith(".mo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paths_not_shaped_like_a_catalog_keep_nothing_more()
    {
        var paths = await SelectAsync(
            new SelectionRules(),
            Read("/srv/app/locale/de/README.mo"),
            Missing("/srv/app/locale/en/NOT_A_CATEGORY/greeter.mo"),
            Missing("/nowhere/en/LC_MESSAGES/greeter.mo"),
            Read("/usr/share/locale/locale.alias"));

        Assert.DoesNotContain(paths.Keys, p => p.EndsWith("greeter.mo", StringComparison.Ordinal));
        Assert.DoesNotContain(paths.Keys, p => p.EndsWith("libc.mo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traced_only_keeps_just_the_catalog_seen()
    {
        var rules = new SelectionRules { DataFamilies = new Dictionary<DataFamily, DataFamilyPolicy> { [DataFamily.MessageCatalogs] = DataFamilyPolicy.TracedOnly } };

        var paths = await SelectAsync(rules, Read("/srv/app/locale/de/LC_MESSAGES/greeter.mo"));

        Assert.Contains("/srv/app/locale/de/LC_MESSAGES/greeter.mo", paths.Keys);
        Assert.DoesNotContain("/srv/app/locale/fr/LC_MESSAGES/greeter.mo", paths.Keys);
    }

    private static async Task<IReadOnlyDictionary<string, SelectionReason>> SelectAsync(SelectionRules rules, params TracedFile[] files)
    {
        var trace = new TraceReport(
            TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser("root", 0, 0, []),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
            [], files, [], [], []);
        var tree = await TreeOfAsync(
            Dir("srv"), Dir("srv/app"), Dir("srv/app/locale"),
            Dir("srv/app/locale/de"), Dir("srv/app/locale/de/LC_MESSAGES"), File("srv/app/locale/de/LC_MESSAGES/greeter.mo"),
            File("srv/app/locale/de/LC_MESSAGES/other.mo"), File("srv/app/locale/de/README.mo"),
            Dir("srv/app/locale/fr"), Dir("srv/app/locale/fr/LC_MESSAGES"), File("srv/app/locale/fr/LC_MESSAGES/greeter.mo"),
            Dir("srv/app/locale/pt"), Dir("srv/app/locale/pt/LC_MESSAGES"), File("srv/app/locale/pt/LC_MESSAGES/greeter.mo"),
            Link("srv/app/locale/pt_BR", "pt"),
            Dir("usr"), Dir("usr/share"), Dir("usr/share/locale"), File("usr/share/locale/locale.alias"),
            Dir("usr/share/locale/de"), Dir("usr/share/locale/de/LC_MESSAGES"),
            File("usr/share/locale/de/LC_MESSAGES/libc.mo"), File("usr/share/locale/de/LC_MESSAGES/coreutils.mo"),
            Dir("usr/share/locale/ja"), Dir("usr/share/locale/ja/LC_MESSAGES"),
            File("usr/share/locale/ja/LC_MESSAGES/libc.mo"), File("usr/share/locale/ja/LC_MESSAGES/coreutils.mo"));
        return FileSelector.Select(tree, rules with { IncludeCertificates = false }, [trace]).Paths;
    }

    private static TracedFile Read(string path) => new(path, true, null, [PathAccessKind.Read], []);

    private static TracedFile Missing(string path) => new(path, false, null, [PathAccessKind.Read], []);
}
