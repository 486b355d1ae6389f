using Slim.Images.Archives;
using Slim.Images.Layers;

namespace Slim.Rebuild.Selection;

/// <summary>
/// gettext's layout, DIR/LANG/CATEGORY/DOMAIN.mo (CATEGORY is LC_MESSAGES in practice), as glibc's libintl, Python's
/// gettext, PHP, Perl and Ruby bindings look catalogs up: the lookup names one language, the one the request or the
/// environment chose, so the trace sees one catalog (or the miss of one) where any language may be asked for next.
/// </summary>
/// <remarks>
/// Kept per domain and category: the same DOMAIN.mo in every LANG directory of the same DIR. A whole DIR such as
/// /usr/share/locale would hold every other program's translations too, most of them never asked for.
/// </remarks>
public static class MessageCatalogs
{
    private const string CatalogExtension = ".mo";
    private const string CategoryPrefix = "LC_";

    /// <summary>The catalogs in the image of each domain a traced path looked up (found or not), all languages.</summary>
    /// <param name="traced">Traced paths, symlinks resolved as far as the image allows.</param>
    public static IEnumerable<string> Members(ImageTree tree, IEnumerable<string> traced)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(traced);
        var lookups = traced.Select(Lookup).OfType<(string Directory, string Category, string Catalog)>()
            .Select(l => (Directory: tree.Resolve(l.Directory), l.Category, l.Catalog))
            .Where(l => l.Directory is not null && tree.Entry(l.Directory)?.Kind == LayerEntryKind.Directory)
            .Distinct();
        foreach (var (directory, category, catalog) in lookups)
        {
            foreach (var language in tree.ChildrenOf(ImagePath.FromAbsolute(directory!)))
            {
                var candidate = $"{language.ImagePath.Absolute}/{category}/{catalog}";
                if (tree.Resolve(candidate) is { } resolved && tree.Entry(resolved)?.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink)
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>DIR, CATEGORY and DOMAIN.mo of a path shaped DIR/LANG/CATEGORY/DOMAIN.mo; null for any other path.</summary>
    private static (string Directory, string Category, string Catalog)? Lookup(string path)
    {
        var parts = path.Split('/');
        // "", at least one segment of DIR, LANG, CATEGORY, DOMAIN.mo
        if (parts.Length < 5)
        {
            return null;
        }

        var catalog = parts[^1];
        var category = parts[^2];
        var language = parts[^3];
        if (catalog.Length <= CatalogExtension.Length || !catalog.EndsWith(CatalogExtension, StringComparison.Ordinal)
            || !category.StartsWith(CategoryPrefix, StringComparison.Ordinal) || category.Length == CategoryPrefix.Length
            || language.Length == 0)
        {
            return null;
        }

        return (string.Join('/', parts[..^3]), category, catalog);
    }
}
