using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Index;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Runs selection over the real image: <see cref="FileSelector"/>'s rules, with the reading they need done here
/// (the loader's cache, and each examination round spooling the newly kept files to read their ELF headers, or the
/// #! line of an executable script).
/// </summary>
public static class SelectionPlanner
{
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
        var resolver = new LibraryResolver(tree, await ReadLdSoCacheAsync(source, image, tree, spool, cancellationToken).ConfigureAwait(false), rules.LibraryPath);

        // The config the slim image will have (after --new-* changes): its entrypoint and user must work.
        return await FileSelector.SelectAsync(tree, rules, traces, config ?? image.Config.Config, resolver, ExamineAsync, cancellationToken).ConfigureAwait(false);

        async Task<FileExamination> ExamineAsync(IReadOnlyList<IndexedFile> pending, CancellationToken token)
        {
            await spool.FillAsync(source, image, pending, token).ConfigureAwait(false);
            var examined = new Dictionary<string, ElfInfo?>(StringComparer.Ordinal);
            var scripts = new Dictionary<string, ShebangLine>(StringComparer.Ordinal);
            foreach (var file in pending)
            {
                await using var content = spool.Open(file);
                var path = file.ImagePath.Absolute;
                if (IsExecutable(file) && await ReadShebangAsync(content, token).ConfigureAwait(false) is { } line)
                {
                    scripts[path] = line;
                    continue;
                }

                content.Position = 0;
                examined[path] = ElfReader.TryRead(content);
            }

            return new FileExamination(examined, scripts);
        }
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
