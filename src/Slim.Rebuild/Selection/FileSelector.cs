using Microsoft.Extensions.FileSystemGlobbing;
using Slim.Rebuild.Elf;
using Slim.Rebuild.Images;
using Slim.Rebuild.Index;
using Slim.Rebuild.Layers;
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
    private static readonly string[] RuntimeMounts = ["/proc", "/sys", "/dev", "/.slim"];

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
            if (IsRuntimeMount(file.Path))
            {
                continue;
            }

            _traced.Add(ResolveAsFarAsPossible(file.Path));
            // A failed access still counts when the path is in the image (EACCES, or a write to a read-only file).
            var resolved = AddPath(file.Path, SelectionReason.Traced);
            if (resolved is null)
            {
                // Not in the image: made at run time (nginx's /var/lib/nginx/body) or looked for in vain.
                // Either way the app expects the directory it looked in to be there.
                KeepNearestDirectory(file.Path);
            }

            if (resolved is not null && file.Kinds.Contains(PathAccessKinds.List))
            {
                _listed.Add(resolved);
            }
        }

        foreach (var link in report.Symlinks)
        {
            if (!IsRuntimeMount(link.Path) && tree.Entry(link.Path)?.Kind == LayerEntryKind.Symlink)
            {
                AddPath(link.Path, SelectionReason.Symlink, followFinal: false);
            }
        }

        // Every program a process ran was used, however it was reached (a script's interpreter, fexecve).
        foreach (var exe in report.Processes.SelectMany(p => p.Execs.Append(p.Exe)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!IsRuntimeMount(exe))
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
    /// Keeps whole each data family the app used (any member traced, found or not, or its directory listed), and
    /// those the rules force in; families whose policy is <see cref="DataFamilyPolicy.TracedOnly"/> keep only what
    /// the trace saw. Runs before the ELF rounds: gconv modules are libraries with libraries of their own.
    /// </summary>
    public void AddDataFamilies()
    {
        foreach (var layout in DataFamilyLayout.Find(tree))
        {
            var policy = rules.PolicyFor(layout.Family);
            if (policy == DataFamilyPolicy.TracedOnly)
            {
                continue;
            }

            var touchedParts = layout.OnlyWhenTouched.Where(d => Touched(d, [])).ToList();
            var notUses = layout.Family == DataFamily.Zoneinfo ? LocalZone() : [];
            if (policy != DataFamilyPolicy.Always && !layout.Roots.Any(r => Touched(r, layout.NotUses, notUses)) && touchedParts.Count == 0)
            {
                continue;
            }

            var skipped = layout.OnlyWhenTouched.Except(touchedParts, StringComparer.Ordinal).ToList();
            foreach (var root in layout.Roots)
            {
                AddTree(root, SelectionReason.DataFamily, skipped);
            }

            foreach (var part in touchedParts)
            {
                AddTree(part, SelectionReason.DataFamily);
            }
        }
    }

    /// <summary>
    /// True when a traced path is below <paramref name="directory"/> (but not only at or under the names in
    /// <paramref name="notUses"/>), or the app listed it or a directory below it.
    /// </summary>
    private bool Touched(string directory, IReadOnlyList<string> notUses, IReadOnlyList<string>? ignoredPaths = null)
    {
        var ignored = notUses.Select(n => directory + "/" + n).Concat(ignoredPaths ?? []).ToList();
        bool Counts(string path) => !ignored.Any(i => path == i || IsBelow(path, i));
        return _traced.Any(p => IsBelow(p, directory) && Counts(p)) || _listed.Any(l => (l == directory || IsBelow(l, directory)) && Counts(l));
    }

    /// <summary>
    /// The local zone: /etc/localtime and every link and file it leads to. Nearly every program reads it at start
    /// (glibc's localtime, Go's runtime), so reading it says nothing of a zone chosen by input.
    /// </summary>
    private List<string> LocalZone()
    {
        var links = new List<string>();
        var resolved = tree.Resolve("/etc/localtime", followFinal: true, links);
        return [.. links, .. resolved is null ? [] : new[] { resolved }];
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
        var cut = new List<CutDirectory>();
        foreach (var directory in _listed.Order(StringComparer.Ordinal))
        {
            if (tree.Entry(directory)?.Kind != LayerEntryKind.Directory)
            {
                continue;
            }

            var children = Children(directory).ToList();
            var missing = children.Where(c => !_selected.ContainsKey("/" + c.Path)).ToList();
            if (missing.Count > 0)
            {
                cut.Add(new CutDirectory(directory, children.Count - missing.Count, missing.Count, missing.Sum(BytesBelow)));
            }
        }

        var excluded = new List<string>();
        if (rules.ExcludePatterns.Count > 0)
        {
            // Selected paths are real paths (symlinks resolved): match the patterns as written and with
            // their literal leading directories resolved too, so /lib/** also means /usr/lib/** on merged /usr.
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddIncludePatterns(rules.ExcludePatterns.SelectMany(ResolvedPatterns).Distinct(StringComparer.Ordinal));
            var preserved = rules.PreservePaths
                .SelectMany(p => new[] { ImageTree.ToKey(p), ImageTree.ToKey(tree.Resolve(p) ?? p) })
                .Distinct(StringComparer.Ordinal)
                .ToList();
            foreach (var path in _selected.Keys.ToList())
            {
                var key = path.TrimStart('/');
                if (matcher.Match(key).HasMatches && !preserved.Any(p => key == p || key.StartsWith(p + "/", StringComparison.Ordinal)))
                {
                    _selected.Remove(path);
                    excluded.Add(path);
                }
            }
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
            if (skipped is { Count: > 0 } && skipped.Any(s => absolute == s || IsBelow(absolute, s)))
            {
                continue;
            }

            AddPath(absolute, reason, followFinal: file.Kind == LayerEntryKind.Symlink);
        }
    }

    /// <summary>The path with its symlinks resolved; when it does not exist, its longest existing leading part resolved.</summary>
    private string ResolveAsFarAsPossible(string path)
    {
        if (tree.Resolve(path) is { } whole)
        {
            return whole;
        }

        foreach (var ancestor in Ancestors(path))
        {
            if (tree.Resolve(ancestor) is { } found)
            {
                return found.TrimEnd('/') + path[ancestor.Length..];
            }
        }

        return path;
    }

    private static bool IsBelow(string path, string directory) =>
        path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);

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

    private long BytesBelow(IndexedFile entry)
    {
        if (entry.Kind != LayerEntryKind.Directory)
        {
            return entry.Size;
        }

        return tree.Below(entry.Path).Where(f => !_selected.ContainsKey("/" + f.Path)).Sum(f => f.Size);
    }

    /// <summary>A glob as written (relative) and, when its literal leading directories resolve elsewhere in the image, as resolved.</summary>
    private IEnumerable<string> ResolvedPatterns(string pattern)
    {
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var literal = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[', '{']) < 0).ToList();
        yield return string.Join('/', parts);
        for (var take = literal.Count; take > 0; take--)
        {
            if (tree.Resolve("/" + string.Join('/', literal.Take(take))) is { } resolved)
            {
                yield return string.Join('/', new[] { resolved.TrimStart('/') }.Concat(parts.Skip(take)).Where(p => p.Length > 0));
                yield break;
            }
        }
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

    private static bool IsRuntimeMount(string path) =>
        RuntimeMounts.Any(m => path == m || path.StartsWith(m + "/", StringComparison.Ordinal));
}
