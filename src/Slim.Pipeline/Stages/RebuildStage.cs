using System.Diagnostics;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Pipeline.Report;
using Slim.Rebuild.Packages;
using Slim.Rebuild.Selection;

namespace Slim.Pipeline.Stages;

/// <summary>
/// Chooses the files of the slim image (DESIGN.md steps 5 and 6) from the index and the trace, under the request's rules and
/// the image's own PATH and LD_LIBRARY_PATH. Run again by each repair round, with the paths it added.
/// </summary>
internal sealed class RebuildStage : IBuildStage
{
    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        if (context.Tree is null)
        {
            var (image, index) = await (context.Index ?? throw new InvalidOperationException("the rebuild stage needs the index stage")).ConfigureAwait(false);
            context.TargetFiles = index.Count;
            context.Image = image;
            context.Tree = new ImageTree(index);
        }

        var clock = Stopwatch.StartNew();
        var tree = context.Tree;
        context.Progress("select", $"choosing from {tree.Index.Count} paths");
        var request = context.Request;
        var rules = WithImageEnvironment(request.Rules, context.Image!.Config.Config);
        var config = request.ConfigChanges.Apply(context.Image.Config.Config);
        var selection = await SelectionPlanner.PlanAsync(context.Source!, context.Image, tree, context.RequireSensor().Reports, rules, context.Spool!, cancellationToken, config).ConfigureAwait(false);
        var packages = await PackageInventoryReader.ReadAsync(context.Source!, context.Image, tree, context.Spool!, selection.Paths, request.KeepPackageDatabase, cancellationToken).ConfigureAwait(false);
        selection = WithPackageDatabase(selection, packages);
        context.Packages = packages;
        context.AddDuration("select", clock.Elapsed);
        context.Selection = selection;
        context.SelectionSummary = Summarize(tree, selection, rules);
    }

    /// <summary>The release files and the pruned database join the kept paths; a path kept already keeps its reason.</summary>
    private static FileSelection WithPackageDatabase(FileSelection selection, PackageInventory packages)
    {
        if (packages.KeptPaths.Count == 0)
        {
            return selection;
        }

        var paths = new Dictionary<string, SelectionReason>(selection.Paths, StringComparer.Ordinal);
        foreach (var path in packages.KeptPaths)
        {
            paths.TryAdd(path, SelectionReason.PackageDatabase);
        }

        return selection with { Paths = paths, Contents = packages.Contents };
    }

    private static SelectionSummary Summarize(ImageTree tree, FileSelection selection, SelectionRules rules)
    {
        var tracedBytes = selection.Paths
            .Where(p => p.Value == SelectionReason.Traced)
            .Select(p => tree.Entry(p.Key))
            .Where(f => f is { Kind: LayerEntryKind.File or LayerEntryKind.Hardlink })
            .DistinctBy(f => (f!.ContentLayer, f.ContentPath))
            .Sum(f => f!.Size);
        return new SelectionSummary(
            selection.Paths.Count,
            tracedBytes,
            selection.Paths.GroupBy(p => p.Value.ToString().ToLowerInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            selection.Excluded,
            selection.CutDirectories,
            rules.ListedDirectories.ToString().ToLowerInvariant());
    }

    /// <summary>The image's PATH and LD_LIBRARY_PATH steer executable lookup and library resolution.</summary>
    private static SelectionRules WithImageEnvironment(SelectionRules rules, ContainerConfig? config)
    {
        string? Get(string name) => config?.Env?.FirstOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        var path = Get("PATH");
        var libraryPath = Get("LD_LIBRARY_PATH");
        return rules with
        {
            SearchPath = path is null ? rules.SearchPath : path.Split(':', StringSplitOptions.RemoveEmptyEntries),
            LibraryPath = libraryPath is null ? rules.LibraryPath : libraryPath.Split(':', StringSplitOptions.RemoveEmptyEntries),
        };
    }
}
