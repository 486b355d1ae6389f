using Slim.Images.Archives;

namespace Slim.Analysis.Xray;

/// <summary>
/// The advice xray gives, one rule each: package caches left in a layer, files deleted or overwritten by a later layer,
/// build toolchains in the final image, and duplicate files. Biggest saving first.
/// </summary>
internal static class XraySuggestionRules
{
    /// <param name="removals">Per deleting layer and whether it overwrote (true) or deleted (false).</param>
    /// <param name="finalView">Every node of the final view.</param>
    public static List<XraySuggestion> Make(
        IEnumerable<CacheSummary> caches,
        IEnumerable<KeyValuePair<(int Deleter, bool Overwrite), RemovalSummary>> removals,
        IEnumerable<LayerStackTree.Node> finalView,
        IReadOnlyList<XrayDuplicateGroup> duplicates)
    {
        var suggestions = new List<XraySuggestion>();
        suggestions.AddRange(caches.Select(PackageCache));
        suggestions.AddRange(removals.OrderBy(r => r.Key.Deleter).Where(r => r.Value.Bytes > 0).Select(r => Removal(r.Key.Deleter, r.Key.Overwrite, r.Value)));
        suggestions.AddRange(Toolchains(finalView));
        if (DuplicateFiles(duplicates) is { } duplicate)
        {
            suggestions.Add(duplicate);
        }

        return suggestions.OrderByDescending(s => s.Bytes).ThenBy(s => s.Kind).ThenBy(s => s.Message, StringComparer.Ordinal).ToList();
    }

    private static XraySuggestion PackageCache(CacheSummary cache)
    {
        var layers = cache.Layers.Keys.Order().ToList();
        return new XraySuggestion(
            XraySuggestionKind.PackageCache,
            cache.Bytes,
            $"{Capitalize(cache.Label)} in {ImagePath.FromKey(cache.Prefix).Absolute}: {ByteSize.Format(cache.Bytes)} written by layer{Plural(layers)} {string.Join(", ", layers)}; {CacheAdvice(cache.Prefix)}",
            layers,
            cache.Examples.Paths());
    }

    private static XraySuggestion Removal(int deleter, bool overwrite, RemovalSummary summary)
    {
        var origins = summary.Origins.Order().ToList();
        var verb = overwrite ? "overwrites" : "deletes";
        return new XraySuggestion(
            overwrite ? XraySuggestionKind.OverwrittenLater : XraySuggestionKind.DeletedLater,
            summary.Bytes,
            $"Layer {deleter} {verb} {summary.Files} file{(summary.Files == 1 ? "" : "s")} ({ByteSize.Format(summary.Bytes)}) written by layer{Plural(origins)} {string.Join(", ", origins)}; "
            + (overwrite
                ? "the old versions still ship in the lower layers: write the final version once"
                : "they still ship in the lower layers: remove them in the same step that creates them"),
            origins,
            summary.Examples.Paths());
    }

    private static IEnumerable<XraySuggestion> Toolchains(IEnumerable<LayerStackTree.Node> finalView)
    {
        var toolchains = new Dictionary<string, (long Bytes, SortedSet<string> Prefixes)>(StringComparer.Ordinal);
        foreach (var node in finalView)
        {
            if (node.IsDirectory || node.Size == 0 || XrayRules.Match(XrayRules.Toolchains, node.Path) is not { } match)
            {
                continue;
            }

            var (pattern, prefix) = match;
            var (bytes, prefixes) = toolchains.TryGetValue(pattern.Label, out var found) ? found : (0, new SortedSet<string>(StringComparer.Ordinal));
            prefixes.Add(ImagePath.FromKey(prefix).Absolute);
            toolchains[pattern.Label] = (bytes + node.Size, prefixes);
        }

        return toolchains.Select(t => new XraySuggestion(
            XraySuggestionKind.BuildToolchain,
            t.Value.Bytes,
            $"{t.Key} ({ByteSize.Format(t.Value.Bytes)}) is in the final image; build in a separate stage and copy only the results into the runtime image",
            [],
            t.Value.Prefixes.Take(ExamplePaths.Count).ToList()));
    }

    private static XraySuggestion? DuplicateFiles(IReadOnlyList<XrayDuplicateGroup> duplicates)
    {
        var duplicateBytes = duplicates.Sum(d => d.WastedBytes);
        if (duplicateBytes == 0)
        {
            return null;
        }

        var extra = duplicates.Sum(d => d.Copies.Count - 1);
        return new XraySuggestion(
            XraySuggestionKind.DuplicateFiles,
            duplicateBytes,
            $"{extra} extra cop{(extra == 1 ? "y" : "ies")} of {duplicates.Count} file{(duplicates.Count == 1 ? "" : "s")} ({ByteSize.Format(duplicateBytes)}); copy each file once, or link it",
            duplicates.SelectMany(d => d.Copies.Select(c => c.Layer)).Distinct().Order().ToList(),
            duplicates.Take(ExamplePaths.Count).Select(d => string.Join(" = ", d.Copies.Take(ExamplePaths.Count).Select(c => c.Path))
                + (d.Copies.Count > ExamplePaths.Count ? $" and {d.Copies.Count - ExamplePaths.Count} more" : "")).ToList());
    }

    private static string CacheAdvice(string prefix) => prefix switch
    {
        "var/lib/apt/lists" => "add `&& rm -rf /var/lib/apt/lists/*` to the RUN step that runs apt-get",
        "var/cache/apt" => "add `&& apt-get clean` to the RUN step that runs apt-get",
        "var/cache/apk" => "use `apk add --no-cache`",
        _ when prefix.EndsWith(".cache/pip", StringComparison.Ordinal) => "use `pip install --no-cache-dir`",
        _ when prefix.EndsWith(".npm", StringComparison.Ordinal) => "run `npm cache clean --force` in the same step as the install",
        _ => "remove it in the same step that fills it (or use a build-time cache mount)",
    };

    private static string Plural(List<int> items) => items.Count == 1 ? "" : "s";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
