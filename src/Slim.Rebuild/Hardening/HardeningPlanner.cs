using Slim.Images.Layers;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Trace;

namespace Slim.Rebuild.Hardening;

/// <summary>
/// Reads the trace for the privileges the app used (DESIGN.md step 9): the capabilities its calls need when nothing is
/// granted (docker's default set is not assumed: the plan is for --cap-drop ALL), the directories it writes, set-uid
/// executables, and whether it relied on being root. The plan is a hypothesis; verification under it is the proof.
/// </summary>
public static class HardeningPlanner
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int AfPacket = 17;
    private const int SockRaw = 3;
    private const long SockTypeMask = 0xF; // SOCK_CLOEXEC and SOCK_NONBLOCK ride in the same argument
    private const long DeviceTypeMask = 0xF000; // S_IFMT
    private const long CharacterDevice = 0x2000;
    private const long BlockDevice = 0x6000;

    private static readonly string[] PseudoRoots = ["/proc", "/sys", "/dev"];

    // The engine bind-mounts these (writable whatever the root filesystem is).
    private static readonly HashSet<string> EngineFiles = new(StringComparer.Ordinal) { "/etc/hosts", "/etc/hostname", "/etc/resolv.conf" };

    private static readonly HashSet<string> UidCalls = new(StringComparer.Ordinal) { "setuid", "setreuid", "setresuid", "setfsuid" };
    private static readonly HashSet<string> GidCalls = new(StringComparer.Ordinal) { "setgid", "setregid", "setresgid", "setgroups", "setfsgid" };
    private static readonly HashSet<string> ChownCalls = new(StringComparer.Ordinal) { "chown", "fchown", "lchown", "fchownat" };

    private static readonly HashSet<PathAccessKind> WriteKinds =
        [PathAccessKind.Write, PathAccessKind.Create, PathAccessKind.Delete, PathAccessKind.Rename, PathAccessKind.Link, PathAccessKind.Metadata];

    /// <param name="reports">The sensor's trace reports (the main command's first, then each exec's).</param>
    /// <param name="tree">The original image's files: owners, modes, set-uid bits.</param>
    /// <param name="kept">The absolute paths the slim image keeps (a tmpfs over one of them would hide it).</param>
    /// <param name="volumes">The image's declared VOLUMEs (absolute).</param>
    public static HardeningPlan Plan(IReadOnlyList<TraceReport> reports, ImageTree tree, IEnumerable<string> kept, IEnumerable<string> volumes)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(tree);
        var notes = new List<string>();
        var needs = new Dictionary<string, CapabilityNeed>(StringComparer.Ordinal);
        void Need(string name, string reason) => needs.TryAdd(name, new CapabilityNeed(name, reason));

        var runsAsRoot = reports.Count > 0 && reports[0].User.Uid == 0;
        var rootOnly = false;
        foreach (var report in reports)
        {
            if (report.Calls is null)
            {
                notes.Add("the tracer recorded no call arguments: capabilities come from call names only");
            }

            NeedsOfCalls(report, Need);
            rootOnly |= NeedsOfFiles(report, tree, Need);
        }

        var declared = volumes.Select(v => "/" + v.Trim('/')).Where(v => v != "/").Distinct(StringComparer.Ordinal).ToList();
        var (tmpfs, copied, usedVolumes, readOnly) = WrittenDirectories(reports, tree, kept, declared, notes);
        rootOnly |= runsAsRoot && usedVolumes.Count > 0; // a fresh volume is root's, as its image directory was

        var setuid = reports.SelectMany(r => r.Files)
            .Where(f => f.Accesses.Any(a => a.Kind == PathAccessKind.Exec && a.Error is null))
            .Select(f => f.Target ?? f.Path)
            .Where(p => tree.Entry(p) is { } e && (e.Entry.Mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup)) != 0)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (setuid.Count > 0)
        {
            notes.Add($"no-new-privileges is off: the app executes set-uid/set-gid {string.Join(", ", setuid)}");
        }

        var capabilities = needs.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new HardeningPlan(
            capabilities,
            readOnly ? tmpfs : [],
            usedVolumes,
            readOnly,
            setuid.Count == 0,
            runsAsRoot,
            runsAsRoot && (capabilities.Count > 0 || rootOnly),
            setuid,
            notes.Distinct(StringComparer.Ordinal).ToList())
        {
            CopiedVolumes = readOnly ? copied : [],
        };
    }

    private static void NeedsOfCalls(TraceReport report, Action<string, string> need)
    {
        var uid = report.User.Uid;
        if (report.Calls is not { } calls)
        {
            // Without arguments a call's name is all there is: only a root command can have needed a capability.
            if (uid == 0)
            {
                foreach (var name in report.Syscalls.Select(s => s.Name))
                {
                    CapabilityOfName(name, need);
                }
            }

            return;
        }

        // A process that was root keeps its capabilities across setresuid when it asks to (PR_SET_KEEPCAPS, capset, as
        // setpriv does), so its later calls count as root's too.
        var wasRoot = calls.Where(c => c.Euid == 0 || c.Euid < 0 && uid == 0).Select(c => c.Pid).ToHashSet();
        foreach (var call in calls)
        {
            var euid = call.Euid == 0 || wasRoot.Contains(call.Pid) ? 0 : call.Euid >= 0 ? call.Euid : uid;
            var args = call.Arguments;
            long Arg(int i) => i < args.Count ? args[i] : -1;
            switch (call.Syscall)
            {
                // The kernel's default ip_unprivileged_port_start is 1024 (docker lowers it to 0, Kubernetes may not).
                case "bind" when Arg(1) is > 0 and < 1024:
                    need("NET_BIND_SERVICE", $"bind to port {Arg(1)} (pid {call.Pid})");
                    break;
                // Raw netlink sockets (glibc's getaddrinfo opens one) need no capability: only IP and packet ones do.
                case "socket" when ((Arg(1) & SockTypeMask) == SockRaw && Arg(0) is AfInet or AfInet6) || Arg(0) == AfPacket:
                    need("NET_RAW", $"a {(Arg(0) == AfPacket ? "packet" : "raw")} socket (pid {call.Pid})");
                    break;
                case "kill" or "tkill" or "tgkill" when euid == 0 && Arg(2) > 0 && Arg(0) != call.Pid:
                    need("KILL", $"{call.Syscall} of pid {Arg(0)} (uid {Arg(2)}) by root (pid {call.Pid})");
                    break;
                case "mknod" when euid == 0 && IsDevice(Arg(1)):
                case "mknodat" when euid == 0 && IsDevice(Arg(2)):
                    need("MKNOD", $"{call.Syscall} of a device (pid {call.Pid})");
                    break;
                default:
                    if (euid == 0)
                    {
                        CapabilityOfName(call.Syscall, need, call.Pid);
                    }

                    break;
            }
        }
    }

    private static bool IsDevice(long mode) => (mode & DeviceTypeMask) is CharacterDevice or BlockDevice;

    private static void CapabilityOfName(string name, Action<string, string> need, int pid = 0)
    {
        var by = pid > 0 ? $" (pid {pid})" : "";
        if (UidCalls.Contains(name))
        {
            need("SETUID", $"{name} as root{by}");
        }
        else if (GidCalls.Contains(name))
        {
            need("SETGID", $"{name} as root{by}");
        }
        else if (ChownCalls.Contains(name))
        {
            need("CHOWN", $"{name} as root{by}");
        }
        else if (name == "chroot")
        {
            need("SYS_CHROOT", $"chroot{by}");
        }
    }

    /// <summary>Root's file accesses that only a capability allowed; true when some file was one only root could use.</summary>
    private static bool NeedsOfFiles(TraceReport report, ImageTree tree, Action<string, string> need)
    {
        if (report.User.Uid != 0)
        {
            return false;
        }

        var groups = new HashSet<int>(report.User.Groups) { report.User.Gid };
        var rootPids = RootPids(report);
        var rootOnly = false;
        foreach (var file in report.Files)
        {
            var path = file.Target ?? file.Path;
            if (PseudoRoots.Any(r => IsUnder(path, r)))
            {
                continue;
            }

            if (tree.Entry(path) is not { } entry)
            {
                // a file made at run time (a created file, a bound socket): making it takes write access to its directory
                rootOnly |= NeedsOfNewEntry(path, file.Accesses.Where(a => a.Error is null && rootPids.Contains(a.Pid) && IsWrite(a)), tree, groups, need);
                continue;
            }

            if (entry.Kind == LayerEntryKind.Symlink)
            {
                continue;
            }

            var mode = entry.Entry.Mode;
            var accesses = file.Accesses.Where(a => a.Error is null && rootPids.Contains(a.Pid)).ToList();
            var chowned = accesses.Any(a => a.Kind == PathAccessKind.Metadata && ChownCalls.Contains(a.Syscall));
            foreach (var access in accesses)
            {
                var wanted = access.Kind switch
                {
                    PathAccessKind.Read or PathAccessKind.List or PathAccessKind.Open => UnixFileMode.UserRead,
                    PathAccessKind.Write => UnixFileMode.UserWrite,
                    PathAccessKind.Exec => UnixFileMode.UserExecute,
                    _ => UnixFileMode.None,
                };
                if (access.Kind == PathAccessKind.Metadata && !ChownCalls.Contains(access.Syscall) && (entry.Entry.Uid != 0 || chowned))
                {
                    // chmod or utimes of a file root does not own (or no longer owns: it gave it away first).
                    need("FOWNER", $"{access.Syscall} of {path}, owned by {(chowned ? "the user it was given to" : "uid " + entry.Entry.Uid)} (pid {access.Pid})");
                    continue;
                }

                if (wanted == UnixFileMode.None)
                {
                    continue;
                }

                if (!Grants(mode, entry.Entry.Uid == 0 ? 0 : entry.Entry.Gid is var g && groups.Contains(g) ? 1 : 2, wanted))
                {
                    need("DAC_OVERRIDE", $"{access.Kind.ToString().ToLowerInvariant()} of {path} ({Octal(mode)} {entry.Entry.Uid}:{entry.Entry.Gid}) as root (pid {access.Pid})");
                }

                // Anyone else would get there only through the "other" bits.
                rootOnly |= !Grants(mode, 2, wanted) && access.Kind != PathAccessKind.Exec;
            }
        }

        return rootOnly;
    }

    /// <summary>
    /// A root process that makes an entry in an image directory whose mode shuts root's class out (php-fpm's master binding
    /// its socket in a /run/php owned by www-data) gets there only by DAC_OVERRIDE. True when it needed that and only root could make it.
    /// </summary>
    private static bool NeedsOfNewEntry(string path, IEnumerable<PathAccess> writes, ImageTree tree, HashSet<int> groups, Action<string, string> need)
    {
        var directory = Path.GetDirectoryName(path);
        if (writes.FirstOrDefault() is not { } write || directory is null || tree.Entry(directory) is not { Kind: LayerEntryKind.Directory } parent)
        {
            return false;
        }

        var mode = parent.Entry.Mode;
        var wanted = UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var permissionClass = parent.Entry.Uid == 0 ? 0 : groups.Contains(parent.Entry.Gid) ? 1 : 2;
        if (GrantsAll(mode, permissionClass, wanted))
        {
            return false;
        }

        need("DAC_OVERRIDE", $"{write.Syscall} of {path} in {directory} ({Octal(mode)} {parent.Entry.Uid}:{parent.Entry.Gid}) as root (pid {write.Pid})");
        return !GrantsAll(mode, 2, wanted);
    }

    private static bool GrantsAll(UnixFileMode mode, int permissionClass, UnixFileMode wanted) =>
        ((int)mode & ((int)wanted >> (3 * permissionClass))) == (int)wanted >> (3 * permissionClass);

    /// <summary>Whether the permission class (0 owner, 1 group, 2 other) of <paramref name="mode"/> grants <paramref name="wanted"/>.</summary>
    private static bool Grants(UnixFileMode mode, int permissionClass, UnixFileMode wanted) =>
        ((int)mode & ((int)wanted >> (3 * permissionClass))) != 0;

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);

    /// <summary>
    /// The processes that were root all along: not those that changed their uid or made a call as another user. (Their
    /// children forked before the change were root, and those after it are seen through their own calls.)
    /// </summary>
    private static HashSet<int> RootPids(TraceReport report)
    {
        var dropped = new HashSet<int>((report.Calls ?? []).Where(c => UidCalls.Contains(c.Syscall) || c.Euid > 0).Select(c => c.Pid));

        var all = report.Processes.Select(p => p.Pid).Concat(report.Files.SelectMany(f => f.Accesses).Select(a => a.Pid));
        return [.. all.Where(p => !dropped.Contains(p))];
    }

    /// <summary>A change to the directory holding the path: a write, create, delete, rename, link or metadata change, and
    /// the bind of a Unix socket, which makes its file there.</summary>
    private static bool IsWrite(PathAccess access) =>
        WriteKinds.Contains(access.Kind) || access.Kind == PathAccessKind.Socket && access.Syscall == "bind";

    private static (List<string> Tmpfs, List<string> Copied, List<string> Volumes, bool ReadOnly) WrittenDirectories(
        IReadOnlyList<TraceReport> reports, ImageTree tree, IEnumerable<string> kept, List<string> volumes, List<string> notes)
    {
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var readOnly = true;
        foreach (var file in reports.SelectMany(r => r.Files))
        {
            if (!file.Accesses.Any(a => a.Error is null && IsWrite(a)))
            {
                continue;
            }

            var path = file.Target ?? FollowLinks(tree, file.Path);
            if (EngineFiles.Contains(file.Path) || EngineFiles.Contains(path) || PseudoRoots.Any(r => IsUnder(path, r) || IsUnder(file.Path, r)))
            {
                continue;
            }

            if (volumes.FirstOrDefault(v => IsUnder(path, v)) is { } volume)
            {
                used.Add(volume);
                continue;
            }

            // The nearest directory the image has: what the app made below it goes when the container does. A write to a
            // directory itself is an O_TMPFILE open: its file lives in that directory.
            var directory = tree.Entry(path) is { Kind: LayerEntryKind.Directory } && file.Accesses.Any(a => a.Error is null && a.Kind == PathAccessKind.Write)
                ? path
                : Parent(path);
            while (directory != "/" && tree.Entry(directory) is not { Kind: LayerEntryKind.Directory })
            {
                directory = Parent(directory);
            }

            if (directory == "/")
            {
                notes.Add($"read-only is off: the app writes {path} directly under /");
                readOnly = false;
            }

            directories.Add(directory);
        }

        var outermost = directories.Where(d => d != "/" && !directories.Any(o => o != d && o != "/" && IsUnder(d, o))).ToList();
        var keptPaths = kept.ToList();
        var tmpfs = new List<string>();
        var copied = new List<string>();
        foreach (var directory in outermost)
        {
            // A tmpfs would hide what the slim image keeps there (apache's /run/apache2/socks, a SQLite file): an
            // anonymous volume instead, which the engine fills from the image, owners and modes included.
            if (keptPaths.Any(p => IsUnder(p, directory) && p != directory))
            {
                copied.Add(directory);
            }
            else
            {
                tmpfs.Add(directory + TmpfsOptions(tree.Entry(directory)));
            }
        }

        return (tmpfs, copied, [.. used], readOnly);
    }

    /// <summary>
    /// A tmpfs is root's (the engine keeps only the directory's mode): a directory of another owner keeps its owner, so
    /// an app that is not root can still write there (postgres's /run/postgresql, a user's home).
    /// </summary>
    private static string TmpfsOptions(IndexedFile? directory) =>
        directory is { Entry: { } entry } && (entry.Uid != 0 || entry.Gid != 0)
            ? $":uid={entry.Uid},gid={entry.Gid},mode={Convert.ToString((int)entry.Mode & 0xFFF, 8).PadLeft(4, '0')}"
            : "";

    /// <summary>
    /// Where a path leads through the image's symlinks, even to a target the image lacks (/var/log/app.log -> /dev/stdout,
    /// which the engine provides): the tracer could not resolve those, so its report has no target for them.
    /// </summary>
    private static string FollowLinks(ImageTree tree, string path)
    {
        for (var hops = 0; hops < 40; hops++)
        {
            var resolved = tree.ResolveAsFarAsPossible(path);
            if (tree.Entry(resolved) is not { Kind: LayerEntryKind.Symlink, Entry.LinkTarget: { } target })
            {
                return resolved;
            }

            path = target.StartsWith('/') ? target : Parent(resolved).TrimEnd('/') + "/" + target;
        }

        return path;
    }

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : "/";

    private static bool IsUnder(string path, string directory) =>
        path == directory || path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);
}
