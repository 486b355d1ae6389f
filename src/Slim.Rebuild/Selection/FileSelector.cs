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
public sealed class FileSelector(ImageTree tree, SelectionRules rules)
{
    private static readonly string[] CertificatePaths =
    [
        "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/cert.pem", "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/ca-bundle.pem", "/usr/lib/ssl/cert.pem",
    ];

    private static readonly string[] ShellTools = ["sh", "ls", "cat", "env", "id", "ps", "grep", "sed", "echo", "sleep"];

    private readonly Dictionary<string, SelectionReason> _selected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _elfChecked = new(StringComparer.Ordinal);

    // Every traced path, found or not, with its symlinks resolved as far as the image allows: what data families look at.
    private readonly HashSet<string> _traced = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SelectionReason> Selected => _selected;

    /// <summary>Everything a trace report says the application touched.</summary>
    public void AddTrace(TraceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var file in report.Files)
        {
            if (RuntimePaths.Contains(file.Path))
            {
                continue;
            }

            _traced.Add(tree.ResolveAsFarAsPossible(file.Path));
            // A failed access still counts when the path is in the image (EACCES, or a write to a read-only file).
            var resolved = AddPath(file.Path, SelectionReason.Traced);
            if (resolved is null)
            {
                // Not in the image: made at run time (nginx's /var/lib/nginx/body) or looked for in vain.
                // Either way the app expects the directory it looked in to be there.
                KeepNearestDirectory(file.Path);
            }

            if (resolved is not null && file.Kinds.Contains(PathAccessKind.List))
            {
                _listed.Add(resolved);
            }
        }

        foreach (var link in report.Symlinks)
        {
            if (!RuntimePaths.Contains(link.Path) && tree.Entry(link.Path)?.Kind == LayerEntryKind.Symlink)
            {
                AddPath(link.Path, SelectionReason.Symlink, followFinal: false);
            }
        }

        // Every program a process ran was used, however it was reached (a script's interpreter, fexecve).
        foreach (var exe in report.Processes.SelectMany(p => p.Execs.Append(p.Exe)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!RuntimePaths.Contains(exe))
            {
                AddPath(exe, SelectionReason.Traced);
            }
        }
    }

    /// <summary>What the runtime needs to start the image as configured, whatever the trace saw.</summary>
    public void AddImageConfig(ContainerConfig? config)
    {
        if (config is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(config.WorkingDir))
        {
            AddPath(config.WorkingDir, SelectionReason.ImageConfig);
        }

        foreach (var volume in config.Volumes?.Keys ?? [])
        {
            AddPath(volume, SelectionReason.ImageConfig);
        }

        if (!string.IsNullOrEmpty(config.User))
        {
            // runc resolves a user name or supplementary groups through these files before exec.
            AddPath("/etc/passwd", SelectionReason.ImageConfig);
            AddPath("/etc/group", SelectionReason.ImageConfig);
        }

        AddProgram(config.Entrypoint is { Count: > 0 } ep ? ep[0] : config.Cmd is { Count: > 0 } cmd ? cmd[0] : null);

        // The engine runs the HEALTHCHECK in the slim image too: ["CMD", prog, ...] or ["CMD-SHELL", "prog ..."].
        if (config.Healthcheck is { ValueKind: System.Text.Json.JsonValueKind.Object } health
            && health.TryGetProperty("Test", out var test) && test.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            var words = test.EnumerateArray().Select(w => w.GetString() ?? "").ToList();
            if (words.Count > 1 && words[0] == "CMD")
            {
                AddProgram(words[1]);
            }
            else if (words.Count > 1 && words[0] == "CMD-SHELL")
            {
                AddProgram("/bin/sh");
                AddProgram(words[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault());
            }
        }
    }

    private void AddProgram(string? program)
    {
        if (program is null)
        {
            return;
        }

        if ((program.StartsWith('/') ? program : FindInSearchPath(program)) is { } found)
        {
            AddPath(found, SelectionReason.ImageConfig);
        }
    }

    /// <summary>The user's include rules, certificates and the optional shell.</summary>
    public void AddRules()
    {
        foreach (var path in rules.IncludePaths.Concat(rules.PreservePaths))
        {
            AddTree(path, SelectionReason.Include);
        }

        foreach (var path in rules.IncludeBins)
        {
            AddPath(path, SelectionReason.Include);
        }

        foreach (var path in rules.RepairPaths)
        {
            AddPath(path, SelectionReason.Repair);
        }

        foreach (var name in rules.IncludeExes)
        {
            if ((name.StartsWith('/') ? name : FindInSearchPath(name)) is { } found)
            {
                AddPath(found, SelectionReason.Include);
            }
        }

        if (rules.IncludeShell)
        {
            foreach (var name in ShellTools)
            {
                if (FindInSearchPath(name) is { } found)
                {
                    AddPath(found, SelectionReason.Shell);
                }
            }
        }

        if (rules.IncludeCertificates)
        {
            foreach (var path in CertificatePaths.Where(p => tree.Resolve(p) is not null))
            {
                AddPath(path, SelectionReason.Certificates);
            }

            // OpenSSL looks certificates up by hash through the links in this directory.
            if (tree.Resolve("/etc/ssl/certs") is not null)
            {
                AddTree("/etc/ssl/certs", SelectionReason.Certificates);
            }
        }
    }

    /// <summary>Selected regular files whose ELF headers have not been examined yet.</summary>
    public IReadOnlyList<IndexedFile> FilesToExamine() =>
        _selected.Keys
            .Where(p => !_elfChecked.Contains(p))
            .Select(p => tree.Entry(p))
            .OfType<IndexedFile>()
            .Where(f => f.Kind is LayerEntryKind.File or LayerEntryKind.Hardlink)
            .ToList();

    /// <summary>
    /// Adds the interpreter and the libraries of each examined file; returns how many paths were added,
    /// so the caller repeats until nothing new comes in (libraries need libraries).
    /// </summary>
    public int AddElfDependencies(IReadOnlyDictionary<string, ElfInfo?> examined, LibraryResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(examined);
        ArgumentNullException.ThrowIfNull(resolver);
        var before = _selected.Count;
        foreach (var (path, info) in examined)
        {
            _elfChecked.Add(path);
            if (info is null)
            {
                continue;
            }

            if (info.Interpreter is { } interpreter)
            {
                AddPath(interpreter, SelectionReason.ElfDependency);
            }

            foreach (var needed in info.Needed)
            {
                if (resolver.Resolve(needed, path, info) is { } library)
                {
                    AddPath(library, SelectionReason.ElfDependency);
                }
            }
        }

        return _selected.Count - before;
    }

    /// <summary>
    /// Adds the interpreter of each kept script (from its #! line, as the kernel reads it), and for
    /// <c>#!/usr/bin/env NAME</c> the NAME found in the image's PATH. An interpreter that is a script itself is
    /// examined in the next round, like a library's libraries. Returns how many paths were added.
    /// </summary>
    public int AddScriptInterpreters(IReadOnlyDictionary<string, ShebangLine> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var before = _selected.Count;
        foreach (var (path, line) in scripts)
        {
            _elfChecked.Add(path);

            // A relative interpreter is opened against the working directory of whoever runs the script: unknowable here.
            if (line.Interpreter.StartsWith('/'))
            {
                AddPath(line.Interpreter, SelectionReason.ScriptInterpreter);
            }

            if (line.EnvProgram() is { } program)
            {
                var found = program.StartsWith('/') ? program : program.Contains('/', StringComparison.Ordinal) ? null : FindInSearchPath(program);
                if (found is not null)
                {
                    AddPath(found, SelectionReason.ScriptInterpreter);
                }
            }
        }

        return _selected.Count - before;
    }

    /// <summary>
    /// Keeps whole each data family the app used, and those the rules force in (<see cref="DataFamilyChoice"/>).
    /// Runs before the ELF rounds: gconv modules are libraries with libraries of their own.
    /// </summary>
    public void AddDataFamilies()
    {
        foreach (var choice in DataFamilyChoice.Make(tree, rules, _traced, _listed).ToList())
        {
            AddTree(choice.Path, SelectionReason.DataFamily, choice.Skipped);
        }
    }

    /// <summary>
    /// Keeps what the listed-directory policy says of each directory the app listed. Runs before the
    /// ELF rounds, so plugins kept this way come with their libraries.
    /// </summary>
    public void AddListedDirectories()
    {
        foreach (var directory in _listed.Order(StringComparer.Ordinal).ToList())
        {
            if (tree.Entry(directory)?.Kind != LayerEntryKind.Directory)
            {
                continue;
            }

            if (rules.ListedDirectories == ListedDirectoryPolicy.Tree)
            {
                AddTree(directory, SelectionReason.ListedDirectory);
            }
            else if (rules.ListedDirectories == ListedDirectoryPolicy.Children)
            {
                foreach (var child in Children(directory).ToList())
                {
                    AddPath("/" + child.Path, SelectionReason.ListedDirectory);
                }
            }
        }
    }

    /// <summary>Applies the exclude patterns, reports what listed directories lost, and returns the final selection.</summary>
    public FileSelection Complete()
    {
        var cut = CutDirectories.Of(tree, _listed, _selected);
        var excluded = new List<string>();
        var exclusion = new ExclusionRules(tree, rules);
        foreach (var path in _selected.Keys.Where(exclusion.Excludes).ToList())
        {
            _selected.Remove(path);
            excluded.Add(path);
        }

        // An excluded directory must not leave orphans whose parent is gone.
        foreach (var path in _selected.Keys.ToList())
        {
            if (Ancestors(path).Any(a => !_selected.ContainsKey(a)))
            {
                _selected.Remove(path);
                excluded.Add(path);
            }
        }

        excluded.Sort(StringComparer.Ordinal);
        return new FileSelection(new Dictionary<string, SelectionReason>(_selected, StringComparer.Ordinal), cut, excluded);
    }

    /// <summary>
    /// Keeps a path, every symlink on the way to it and, unless <paramref name="followFinal"/> is false,
    /// what a final symlink leads to. Returns the resolved path, or null when it is not in the image.
    /// </summary>
    public string? AddPath(string path, SelectionReason reason, bool followFinal = true)
    {
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var links = new List<string>();
        var resolved = tree.Resolve(path, followFinal, links);
        foreach (var link in links)
        {
            Keep(link, SelectionReason.Symlink);
        }

        if (resolved is null || resolved == "/")
        {
            return resolved;
        }

        Keep(resolved, reason);
        return resolved;
    }

    private void KeepNearestDirectory(string path)
    {
        foreach (var ancestor in Ancestors(path))
        {
            if (tree.Resolve(ancestor) is { } found && tree.Entry(found)?.Kind == LayerEntryKind.Directory)
            {
                AddPath(ancestor, SelectionReason.Parent);
                return;
            }
        }
    }

    /// <param name="skipped">Resolved directories below <paramref name="path"/> left out, with everything below them.</param>
    private void AddTree(string path, SelectionReason reason, IReadOnlyList<string>? skipped = null)
    {
        var resolved = AddPath(path, reason);
        if (resolved is null || tree.Entry(resolved)?.Kind != LayerEntryKind.Directory)
        {
            return;
        }

        foreach (var file in tree.Below(ImageTree.ToKey(resolved)).ToList())
        {
            var absolute = "/" + file.Path;
            if (skipped is { Count: > 0 } && skipped.Any(s => absolute == s || RuntimePaths.IsBelow(absolute, s)))
            {
                continue;
            }

            AddPath(absolute, reason, followFinal: file.Kind == LayerEntryKind.Symlink);
        }
    }

    private void Keep(string absolutePath, SelectionReason reason)
    {
        if (!_selected.TryAdd(absolutePath, reason))
        {
            return;
        }

        foreach (var ancestor in Ancestors(absolutePath))
        {
            _selected.TryAdd(ancestor, SelectionReason.Parent);
        }
    }

    private IEnumerable<IndexedFile> Children(string directory)
    {
        return tree.ChildrenOf(ImageTree.ToKey(directory));
    }

    private string? FindInSearchPath(string name) =>
        rules.SearchPath.Select(dir => dir.TrimEnd('/') + "/" + name).FirstOrDefault(p => tree.Resolve(p) is not null);

    private static IEnumerable<string> Ancestors(string absolutePath)
    {
        for (var slash = absolutePath.LastIndexOf('/'); slash > 0; slash = absolutePath.LastIndexOf('/', slash - 1))
        {
            yield return absolutePath[..slash];
        }
    }
}
