using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Index;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// Decides which paths of the original image the slim image keeps (DESIGN.md, step 5): every traced
/// path that exists, every symlink on the way to it, parent directories, ELF dependencies of the
/// kept executables and libraries, the interpreters of kept scripts, whole data families the app used
/// (time zones, locales, …), what the image config needs to start, and the user's rules.
/// </summary>
/// <remarks>
/// One entry point, so the order the rules need cannot be got wrong: the trace, the image config and the user's rules
/// first; listed directories and data families before the examination rounds (plugins and gconv modules are libraries
/// with libraries of their own); then rounds of examination until nothing new comes in; exclusion last.
/// Reading file contents is the caller's (<see cref="SelectionPlanner"/>): here are only the rules.
/// </remarks>
public static class FileSelector
{
    private const int MaxExaminationRounds = 12; // libraries of libraries, and scripts' interpreters (the kernel nests 5 deep)

    private static readonly string[] CertificatePaths =
    [
        "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/cert.pem", "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/ca-bundle.pem", "/usr/lib/ssl/cert.pem",
    ];

    /// <summary>Libraries (file name prefixes) that import iconv_open only to convert between UTF-8 and the locale's charset.</summary>
    private static readonly string[] LocaleCharsetConverters = ["libstdc++.so", "libunistring.so", "libidn2.so"];

    private static readonly string[] ShellTools = ["sh", "ls", "cat", "env", "id", "ps", "grep", "sed", "echo", "sleep"];

    /// <summary>Selection without reading any file (no ELF dependencies, no script interpreters).</summary>
    public static FileSelection Select(ImageTree tree, SelectionRules rules, IEnumerable<TraceReport> traces, ContainerConfig? config = null)
    {
        var selection = SelectAsync(tree, rules, traces, config, null, (_, _) => Task.FromResult(FileExamination.None), CancellationToken.None);
        System.Diagnostics.Debug.Assert(selection.IsCompleted, "nothing to examine means nothing to wait for");
        return selection.GetAwaiter().GetResult();
    }

    /// <param name="config">The config the slim image will have: its entrypoint, user and healthcheck must work.</param>
    /// <param name="resolver">Finds the libraries ELF files need; null when there is nothing to examine.</param>
    /// <param name="examine">Reads the heads of kept regular files not examined yet.</param>
    public static async Task<FileSelection> SelectAsync(
        ImageTree tree,
        SelectionRules rules,
        IEnumerable<TraceReport> traces,
        ContainerConfig? config,
        LibraryResolver? resolver,
        Func<IReadOnlyList<IndexedFile>, CancellationToken, Task<FileExamination>> examine,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(examine);
        var kept = new SelectedPaths(tree);
        var listed = new HashSet<string>(StringComparer.Ordinal);

        // Every traced path, found or not, with its symlinks resolved as far as the image allows: what data families look at.
        var traced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in traces)
        {
            AddTrace(kept, report, traced, listed);
        }

        AddImageConfig(kept, rules, config);
        AddRules(kept, rules);
        AddListedDirectories(kept, rules, listed);
        AddDataFamilies(kept, rules, traced, listed);

        var examined = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < MaxExaminationRounds; round++)
        {
            var pending = FilesToExamine(kept, examined);
            if (pending.Count == 0)
            {
                break;
            }

            var found = await examine(pending, cancellationToken).ConfigureAwait(false);
            examined.UnionWith(pending.Select(f => f.ImagePath.Absolute));
            if (resolver is not null)
            {
                AddElfDependencies(kept, found.Elf, resolver);
            }

            AddCharsetModules(kept, rules, found.Elf);

            AddScriptInterpreters(kept, rules, found.Scripts);
        }

        return kept.Complete(rules, listed);
    }

    /// <summary>Everything a trace report says the application touched.</summary>
    private static void AddTrace(SelectedPaths kept, TraceReport report, HashSet<string> traced, HashSet<string> listed)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tree = kept.Tree;
        foreach (var file in report.Files)
        {
            if (RuntimePaths.Contains(file.Path))
            {
                continue;
            }

            traced.Add(tree.ResolveAsFarAsPossible(file.Path));
            // A failed access still counts when the path is in the image (EACCES, or a write to a read-only file).
            var resolved = kept.Add(file.Path, SelectionReason.Traced);
            if (resolved is null)
            {
                // Not in the image: made at run time (nginx's /var/lib/nginx/body) or looked for in vain.
                // Either way the app expects the directory it looked in to be there.
                if (file.Path.StartsWith('/'))
                {
                    kept.AddNearestDirectory(file.Path);
                }
            }
            else if (file.Kinds.Contains(PathAccessKind.List))
            {
                listed.Add(resolved);
            }
        }

        foreach (var link in report.Symlinks)
        {
            if (!RuntimePaths.Contains(link.Path) && tree.Entry(link.Path)?.Kind == LayerEntryKind.Symlink)
            {
                kept.Add(link.Path, SelectionReason.Symlink, followFinal: false);
            }
        }

        // Every program a process ran was used, however it was reached (a script's interpreter, fexecve).
        foreach (var exe in report.Processes.SelectMany(p => p.Execs.Append(p.Exe)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!RuntimePaths.Contains(exe))
            {
                kept.Add(exe, SelectionReason.Traced);
            }
        }
    }

    /// <summary>What the runtime needs to start the image as configured, whatever the trace saw.</summary>
    private static void AddImageConfig(SelectedPaths kept, SelectionRules rules, ContainerConfig? config)
    {
        if (config is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(config.WorkingDir))
        {
            kept.Add(config.WorkingDir, SelectionReason.ImageConfig);
        }

        foreach (var volume in config.Volumes?.Keys ?? [])
        {
            kept.Add(volume, SelectionReason.ImageConfig);
        }

        if (!string.IsNullOrEmpty(config.User))
        {
            // runc resolves a user name or supplementary groups through these files before exec.
            kept.Add("/etc/passwd", SelectionReason.ImageConfig);
            kept.Add("/etc/group", SelectionReason.ImageConfig);
        }

        AddProgram(kept, rules, config.Entrypoint is { Count: > 0 } ep ? ep[0] : config.Cmd is { Count: > 0 } cmd ? cmd[0] : null);

        // The engine runs the HEALTHCHECK in the slim image too: ["CMD", prog, ...] or ["CMD-SHELL", "prog ..."].
        if (config.Healthcheck is { ValueKind: System.Text.Json.JsonValueKind.Object } health
            && health.TryGetProperty("Test", out var test) && test.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            var words = test.EnumerateArray().Select(w => w.GetString() ?? "").ToList();
            if (words.Count > 1 && words[0] == "CMD")
            {
                AddProgram(kept, rules, words[1]);
            }
            else if (words.Count > 1 && words[0] == "CMD-SHELL")
            {
                AddProgram(kept, rules, "/bin/sh");
                AddProgram(kept, rules, words[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault());
            }
        }
    }

    private static void AddProgram(SelectedPaths kept, SelectionRules rules, string? program)
    {
        if (program is null)
        {
            return;
        }

        if ((program.StartsWith('/') ? program : kept.FindInSearchPath(rules.SearchPath, program)) is { } found)
        {
            kept.Add(found, SelectionReason.ImageConfig);
        }
    }

    /// <summary>The user's include rules, certificates and the optional shell.</summary>
    private static void AddRules(SelectedPaths kept, SelectionRules rules)
    {
        foreach (var path in rules.IncludePaths.Concat(rules.PreservePaths))
        {
            kept.AddTree(path, SelectionReason.Include);
        }

        foreach (var path in rules.IncludeBins)
        {
            kept.Add(path, SelectionReason.Include);
        }

        foreach (var path in rules.RepairPaths)
        {
            kept.Add(path, SelectionReason.Repair);
        }

        foreach (var name in rules.IncludeExes)
        {
            if ((name.StartsWith('/') ? name : kept.FindInSearchPath(rules.SearchPath, name)) is { } found)
            {
                kept.Add(found, SelectionReason.Include);
            }
        }

        if (rules.IncludeShell)
        {
            foreach (var name in ShellTools)
            {
                if (kept.FindInSearchPath(rules.SearchPath, name) is { } found)
                {
                    kept.Add(found, SelectionReason.Shell);
                }
            }
        }

        if (rules.IncludeCertificates)
        {
            foreach (var path in CertificatePaths.Where(p => kept.Tree.Resolve(p) is not null))
            {
                kept.Add(path, SelectionReason.Certificates);
            }

            // OpenSSL looks certificates up by hash through the links in this directory.
            if (kept.Tree.Resolve("/etc/ssl/certs") is not null)
            {
                kept.AddTree("/etc/ssl/certs", SelectionReason.Certificates);
            }
        }
    }

    /// <summary>Keeps what the listed-directory policy says of each directory the app listed.</summary>
    private static void AddListedDirectories(SelectedPaths kept, SelectionRules rules, HashSet<string> listed)
    {
        foreach (var directory in listed.Order(StringComparer.Ordinal).ToList())
        {
            if (kept.Tree.Entry(directory)?.Kind != LayerEntryKind.Directory)
            {
                continue;
            }

            if (rules.ListedDirectories == ListedDirectoryPolicy.Tree)
            {
                kept.AddTree(directory, SelectionReason.ListedDirectory);
            }
            else if (rules.ListedDirectories == ListedDirectoryPolicy.Children)
            {
                foreach (var child in kept.Tree.ChildrenOf(Images.Archives.ImagePath.FromAbsolute(directory)).ToList())
                {
                    kept.Add(child.ImagePath.Absolute, SelectionReason.ListedDirectory);
                }
            }
        }
    }

    /// <summary>Keeps whole each data family the app used, and those the rules force in (<see cref="DataFamilyChoice"/>).</summary>
    private static void AddDataFamilies(SelectedPaths kept, SelectionRules rules, HashSet<string> traced, HashSet<string> listed)
    {
        foreach (var choice in DataFamilyChoice.Make(kept.Tree, rules, traced, listed).ToList())
        {
            kept.AddTree(choice.Path, SelectionReason.DataFamily, choice.Skipped);
        }

        if (rules.PolicyFor(DataFamily.MessageCatalogs) != DataFamilyPolicy.TracedOnly)
        {
            foreach (var catalog in MessageCatalogs.Members(kept.Tree, traced).ToList())
            {
                kept.Add(catalog, SelectionReason.DataFamily);
            }
        }
    }

    /// <summary>Kept regular files whose heads have not been examined yet.</summary>
    private static List<IndexedFile> FilesToExamine(SelectedPaths kept, HashSet<string> examined) =>
        kept.Reasons.Keys
            .Where(p => !examined.Contains(p))
            .Select(p => kept.Tree.Entry(p))
            .OfType<IndexedFile>()
            .Where(f => f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink)
            .ToList();

    /// <summary>Adds the interpreter and the libraries of each examined ELF file.</summary>
    private static void AddElfDependencies(SelectedPaths kept, IReadOnlyDictionary<string, ElfInfo?> examined, LibraryResolver resolver)
    {
        foreach (var (path, info) in examined)
        {
            if (info is null)
            {
                continue;
            }

            if (info.Interpreter is { } interpreter)
            {
                kept.Add(interpreter, SelectionReason.ElfDependency);
            }

            foreach (var needed in info.Needed)
            {
                if (resolver.Resolve(needed, path, info) is { } library)
                {
                    kept.Add(library, SelectionReason.ElfDependency);
                }
            }
        }
    }

    /// <summary>
    /// Keeps the gconv modules when a kept shared library converts between character sets named at run time (it
    /// imports iconv_open): glibc loads a module only for a set it does not build in (UTF-8, ASCII, Latin-1, UCS), and
    /// only when asked, so a trace that converted only those saw no module while the next request names Shift_JIS (PHP's
    /// iconv(), the encoding an XML document declares to libxml2). Not counted: executables and the libraries in
    /// <see cref="LocaleCharsetConverters"/>, whose conversions go only between UTF-8 and the locale's own character set
    /// (bash's and gnulib's \u escapes, std::codecvt, IDNA), which the environment fixes at start.
    /// </summary>
    private static void AddCharsetModules(SelectedPaths kept, SelectionRules rules, IReadOnlyDictionary<string, ElfInfo?> examined)
    {
        // Always: kept already; TracedOnly: the user asked for the traced members only.
        if (rules.PolicyFor(DataFamily.Gconv) != DataFamilyPolicy.WhenUsed)
        {
            return;
        }

        var converts = examined.Any(e => e.Value is { Kind: ElfKind.SharedObject, Interpreter: null } info
            && info.Imports.Contains(ElfReader.IconvOpen, StringComparer.Ordinal)
            && !LocaleCharsetConverters.Any(l => Path.GetFileName(e.Key).StartsWith(l, StringComparison.Ordinal)));
        if (!converts)
        {
            return;
        }

        foreach (var layout in DataFamilyLayout.Find(kept.Tree).Where(l => l.Family == DataFamily.Gconv))
        {
            foreach (var root in layout.Roots)
            {
                kept.AddTree(root, SelectionReason.DataFamily);
            }
        }
    }

    /// <summary>
    /// Adds the interpreter of each kept script (from its #! line, as the kernel reads it), and for
    /// <c>#!/usr/bin/env NAME</c> the NAME found in the image's PATH. An interpreter that is a script itself is
    /// examined in the next round, like a library's libraries.
    /// </summary>
    private static void AddScriptInterpreters(SelectedPaths kept, SelectionRules rules, IReadOnlyDictionary<string, ShebangLine> scripts)
    {
        foreach (var line in scripts.Values)
        {
            // A relative interpreter is opened against the working directory of whoever runs the script: unknowable here.
            if (line.Interpreter.StartsWith('/'))
            {
                kept.Add(line.Interpreter, SelectionReason.ScriptInterpreter);
            }

            if (line.EnvProgram() is { } program)
            {
                var found = program.StartsWith('/') ? program : program.Contains('/', StringComparison.Ordinal) ? null : kept.FindInSearchPath(rules.SearchPath, program);
                if (found is not null)
                {
                    kept.Add(found, SelectionReason.ScriptInterpreter);
                }
            }
        }
    }
}
