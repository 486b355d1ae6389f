using System.Text;

namespace Slim.Rebuild.Packages;

/// <summary>
/// Cuts a package database down to the files the slim image keeps, so that scanners see the packages that are there
/// and none that are not. A package stays when it owns at least one kept file (not a directory); its status paragraph
/// is copied byte for byte, its file lists keep only the kept files and the listed directories above them.
/// </summary>
/// <remarks>
/// <c>keptFile</c> maps a path as the database lists it (through the image's symlinks, such as /lib to usr/lib) to the
/// kept path it names, or null when the slim image does not keep it or it is a directory.
/// </remarks>
public static class PackageDatabasePruner
{
    public const string DpkgDirectory = "/var/lib/dpkg";
    public const string ApkInstalled = "/lib/apk/db/installed";

    /// <summary>Google's distroless images: one status file per package instead of one status.</summary>
    public const string DpkgStatusDirectory = DpkgDirectory + "/status.d";

    /// <param name="infoFiles">The files of dpkg's info directory by name (<c>libc6:amd64.list</c>); only .list and .md5sums are read.</param>
    /// <param name="isDirectory">Whether a listed path is a directory in the original image (to count a package's files);
    /// null: a listed path with others listed below it, or "/.".</param>
    public static PrunedPackageDatabase PruneDpkg(
        string status, IReadOnlyDictionary<string, string> infoFiles, Func<string, string?> keptFile, Func<string, bool>? isDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(infoFiles);
        ArgumentNullException.ThrowIfNull(keptFile);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var kept = new List<KeptPackage>();
        var owned = new HashSet<string>(StringComparer.Ordinal);
        var newStatus = new StringBuilder();
        var removed = 0;
        foreach (var stanza in DpkgStatusReader.Read(status))
        {
            // Multi-Arch: same packages name their info files PKG:ARCH, the others PKG.
            var infoName = infoFiles.ContainsKey($"{stanza.Package}:{stanza.Architecture}.list") ? $"{stanza.Package}:{stanza.Architecture}" : stanza.Package;
            var list = stanza.IsInstalled && infoFiles.TryGetValue(infoName + ".list", out var text) ? Lines(text) : [];
            var keptLines = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in list)
            {
                if (keptFile(line) is { } path)
                {
                    keptLines.Add(line);
                    owned.Add(path);
                }
            }

            if (keptLines.Count == 0)
            {
                removed += stanza.IsInstalled ? 1 : 0;
                continue;
            }

            newStatus.Append(stanza.Text).Append('\n');
            var above = Ancestors(keptLines);
            var prunedList = list.Where(l => keptLines.Contains(l) || above.Contains(l)).ToList();
            files[$"{DpkgDirectory}/info/{infoName}.list"] = Encode(prunedList);
            if (infoFiles.TryGetValue(infoName + ".md5sums", out var sums))
            {
                // "md5  path" with the path relative to the root.
                files[$"{DpkgDirectory}/info/{infoName}.md5sums"] = Encode(Lines(sums).Where(l => l.Length > 34 && keptLines.Contains("/" + l[34..])));
            }

            var listedFiles = list.Count(l => keptLines.Contains(l) || !IsDirectory(l, list, isDirectory));
            kept.Add(new KeptPackage(PackageManager.Dpkg, stanza.Package, stanza.Version, stanza.Architecture, keptLines.Count, listedFiles));
        }

        files[$"{DpkgDirectory}/status"] = Encoding.UTF8.GetBytes(newStatus.ToString());
        return new PrunedPackageDatabase(PackageManager.Dpkg, files, kept, removed, owned);
    }

    /// <summary>
    /// A distroless-style database: <c>/var/lib/dpkg/status.d/</c> with one status file per package (<c>NAME</c>) and its
    /// files' sums beside it (<c>NAME.md5sums</c>), no info directory. Pruned as <see cref="PruneDpkg"/> prunes status: a
    /// package stays when its sums name a kept file, its file is copied byte for byte and its sums cut to the kept files.
    /// A package without sums names no files: it stays whole, as nothing says it is gone.
    /// </summary>
    /// <param name="statusFiles">The files of status.d by name.</param>
    public static PrunedPackageDatabase PruneDpkgStatusDirectory(IReadOnlyDictionary<string, string> statusFiles, Func<string, string?> keptFile)
    {
        ArgumentNullException.ThrowIfNull(statusFiles);
        ArgumentNullException.ThrowIfNull(keptFile);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var kept = new List<KeptPackage>();
        var owned = new HashSet<string>(StringComparer.Ordinal);
        var removed = 0;
        foreach (var (name, text) in statusFiles.Where(f => !f.Key.EndsWith(".md5sums", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var stanzas = DpkgStatusReader.Read(text).ToList();
            if (stanzas.Count == 0)
            {
                continue;
            }

            var sums = statusFiles.TryGetValue(name + ".md5sums", out var sumsText) ? Lines(sumsText).Where(l => l.Length > 34).ToList() : null;
            var keptSums = new List<string>();
            foreach (var line in sums ?? [])
            {
                if (keptFile("/" + line[34..]) is { } path)
                {
                    keptSums.Add(line);
                    owned.Add(path);
                }
            }

            if (sums is not null && keptSums.Count == 0)
            {
                removed += stanzas.Count(st => st.IsInstalled);
                continue;
            }

            files[$"{DpkgStatusDirectory}/{name}"] = Encoding.UTF8.GetBytes(text);
            if (sums is not null)
            {
                files[$"{DpkgStatusDirectory}/{name}.md5sums"] = Encode(keptSums);
            }

            foreach (var stanza in stanzas.Where(st => st.IsInstalled))
            {
                kept.Add(new KeptPackage(PackageManager.Dpkg, stanza.Package, stanza.Version, stanza.Architecture, keptSums.Count, sums?.Count ?? 0));
            }
        }

        return new PrunedPackageDatabase(PackageManager.Dpkg, files, kept, removed, owned);
    }

    public static PrunedPackageDatabase PruneApk(string installed, Func<string, string?> keptFile)
    {
        ArgumentNullException.ThrowIfNull(keptFile);
        var kept = new List<KeptPackage>();
        var owned = new HashSet<string>(StringComparer.Ordinal);
        var output = new StringBuilder();
        var removed = 0;
        foreach (var record in ApkInstalledReader.Read(installed))
        {
            var keptFiles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in record.Files)
            {
                if (keptFile(file) is { } path)
                {
                    keptFiles.Add(file);
                    owned.Add(path);
                }
            }

            if (keptFiles.Count == 0)
            {
                removed++;
                continue;
            }

            var keptDirectories = Ancestors(keptFiles);
            bool inFile = false, fileKept = false, directoryKept = false;
            string? directory = null;
            foreach (var line in record.Lines)
            {
                var key = line.Length >= 2 && line[1] == ':' ? line[0] : '\0';
                var keep = key switch
                {
                    'F' => directoryKept = keptDirectories.Contains("/" + line[2..].Trim('/')),
                    'M' => directoryKept,
                    'R' => fileKept = keptFiles.Contains(ApkInstalledReader.ApkPath(directory, line[2..])),
                    'a' or 'Z' => inFile ? fileKept : directoryKept,
                    _ => true,
                };
                if (key == 'F')
                {
                    directory = line[2..];
                    inFile = false;
                }
                else if (key == 'R')
                {
                    inFile = true;
                }

                if (keep)
                {
                    output.Append(line).Append('\n');
                }
            }

            output.Append('\n');
            kept.Add(new KeptPackage(PackageManager.Apk, record.Name, record.Version, record.Architecture, keptFiles.Count, record.Files.Count));
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [ApkInstalled] = Encoding.UTF8.GetBytes(output.ToString()) };
        return new PrunedPackageDatabase(PackageManager.Apk, files, kept, removed, owned);
    }

    private static bool IsDirectory(string line, List<string> list, Func<string, bool>? isDirectory) =>
        line == "/." || (isDirectory?.Invoke(line) ?? list.Exists(l => l.Length > line.Length && l[line.Length] == '/' && l.StartsWith(line, StringComparison.Ordinal)));

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static byte[] Encode(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Every directory above the given paths, "/" and dpkg's "/." included.</summary>
    private static HashSet<string> Ancestors(IEnumerable<string> paths)
    {
        var above = new HashSet<string>(StringComparer.Ordinal) { "/", "/." };
        foreach (var path in paths)
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                if (!above.Add(path[..slash]))
                {
                    break;
                }
            }
        }

        return above;
    }
}
