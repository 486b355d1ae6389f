using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Index;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Runs selection to its fixed point: the traced paths, the rules and the data families first, then rounds
/// of examination (each round spools the newly kept files and reads their ELF headers, or the #! line of
/// an executable script) until no library or interpreter brings in another.
/// </summary>
public static class SelectionPlanner
{
    private const int MaxElfRounds = 12; // libraries of libraries, and scripts' interpreters (the kernel nests 5 deep)

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
        selector.AddDataFamilies();

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
            var scripts = new Dictionary<string, ShebangLine>(StringComparer.Ordinal);
            foreach (var file in pending)
            {
                await using var content = spool.Open(file);
                var path = "/" + file.Path;
                if (IsExecutable(file) && await ReadShebangAsync(content, cancellationToken).ConfigureAwait(false) is { } line)
                {
                    scripts[path] = line;
                    examined[path] = null;
                    continue;
                }

                content.Position = 0;
                examined[path] = ElfReader.TryRead(content);
            }

            selector.AddElfDependencies(examined, resolver);
            selector.AddScriptInterpreters(scripts);
        }

        return selector.Complete();
    }

    // Only a file with an execute bit can be run as a script; a #! line in a data file (a template) means nothing.
    private static bool IsExecutable(IndexedFile file) =>
        (file.Entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static async Task<ShebangLine?> ReadShebangAsync(Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[ShebangLine.HeadSize];
        var n = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return ShebangLine.TryParse(head.AsSpan(0, n));
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
