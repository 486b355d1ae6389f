using Slim.Images.Archives;
using Slim.Images.Layers;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Where one <see cref="DataFamily"/> lives in an image: the directories kept whole when the family is kept, and
/// parts (inside them or beside them) kept whole only when the trace saw something in them, because they are
/// large and rarely used (tzdata's right/ leap-second zones, the locale sources that only localedef reads).
/// </summary>
/// <param name="NotUses">Names directly below a root whose access alone is no use of the family, because nearly
/// every program touches them whatever its input: glibc reads gconv-modules.cache whenever a locale is set (a module
/// is loaded only for a charset it does not build in), and with LANG=C.UTF-8 it tries locale-archive, then C.utf8.</param>
public sealed record DataFamilyLayout(DataFamily Family, IReadOnlyList<string> Roots, IReadOnlyList<string> OnlyWhenTouched, IReadOnlyList<string> NotUses)
{
    private const string GconvModules = "gconv-modules";

    /// <summary>The families present in the image, with every path resolved inside it (only the ones that exist).</summary>
    public static IReadOnlyList<DataFamilyLayout> Find(ImageTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var gconv = tree.Index.Files
            .Where(f => (f.Path == GconvModules || f.Path.EndsWith("/" + GconvModules, StringComparison.Ordinal))
                && f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink or LayerEntryKind.Symlink)
            .Select(f => f.ImagePath.Parent.Absolute);
        List<DataFamilyLayout> layouts =
        [
            new(DataFamily.Zoneinfo, ["/usr/share/zoneinfo"], ["/usr/share/zoneinfo/right"], []),
            new(DataFamily.Locales, ["/usr/lib/locale"], ["/usr/share/i18n/locales", "/usr/share/i18n/charmaps"], ["locale-archive", "C.utf8", "C.UTF-8"]),
            new(DataFamily.Gconv, [.. gconv], [], [GconvModules, GconvModules + ".cache", GconvModules + ".d"]),
            new(DataFamily.Terminfo, ["/usr/share/terminfo", "/lib/terminfo", "/usr/lib/terminfo", "/etc/terminfo"], [], []),
        ];
        return layouts
            .Select(l => l with { Roots = Directories(tree, l.Roots), OnlyWhenTouched = Directories(tree, l.OnlyWhenTouched) })
            .Where(l => l.Roots.Count > 0)
            .ToList();
    }

    private static List<string> Directories(ImageTree tree, IEnumerable<string> paths) =>
        paths.Select(p => tree.Resolve(p))
            .OfType<string>()
            .Where(p => tree.Entry(p)?.Kind == LayerEntryKind.Directory)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
