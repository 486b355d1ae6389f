using Slim.Rebuild.Elf;
using Slim.Rebuild.Images;
using Slim.Rebuild.Sources;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Runs selection to its fixed point: the traced paths and the rules first, then rounds of ELF
/// examination (each round spools the newly kept files and reads their headers) until no library
/// brings in another.
/// </summary>
public static class SelectionPlanner
{
    private const int MaxElfRounds = 8;

    public static async Task<FileSelection> PlanAsync(
        IImageSource source,
        SourceImage image,
        ImageTree tree,
        IReadOnlyList<TraceReport> traces,
        SelectionRules rules,
        ContentSpool spool,
        CancellationToken cancellationToken,
        ContainerConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(spool);
        var selector = new FileSelector(tree, rules);
        foreach (var trace in traces)
        {
            selector.AddTrace(trace);
        }

        // The config the slim image will have (after --new-* changes): its entrypoint and user must work.
        selector.AddImageConfig(config ?? image.Config.Config);
        selector.AddRules();
        selector.AddListedDirectories();

        var resolver = new LibraryResolver(tree, await ReadLdSoCacheAsync(source, image, tree, spool, cancellationToken).ConfigureAwait(false), rules.LibraryPath);
        for (var round = 0; round < MaxElfRounds; round++)
        {
            var pending = selector.FilesToExamine();
            if (pending.Count == 0)
            {
                break;
            }

            await spool.FillAsync(source, image, pending, cancellationToken).ConfigureAwait(false);
            var examined = new Dictionary<string, ElfInfo?>(StringComparer.Ordinal);
            foreach (var file in pending)
            {
                await using var content = spool.Open(file);
                examined["/" + file.Path] = ElfReader.TryRead(content);
            }

            selector.AddElfDependencies(examined, resolver);
        }

        return selector.Complete();
    }

    private static async Task<LdSoCache> ReadLdSoCacheAsync(
        IImageSource source, SourceImage image, ImageTree tree, ContentSpool spool, CancellationToken cancellationToken)
    {
        if (tree.Resolve("/etc/ld.so.cache") is not { } path || tree.Entry(path) is not { } file)
        {
            return LdSoCache.Empty;
        }

        await spool.FillAsync(source, image, [file], cancellationToken).ConfigureAwait(false);
        await using var stream = spool.Open(file);
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return LdSoCache.Parse(bytes);
    }
}
