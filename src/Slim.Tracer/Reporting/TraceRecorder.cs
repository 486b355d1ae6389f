using System.Globalization;
using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Reporting;

/// <summary>
/// Collects what the trace loop and the fanotify reader see, and turns it into a <see cref="TraceReport"/> on
/// demand (for periodic snapshots and the final document). Thread-safe: one lock, held briefly.
/// </summary>
internal sealed class TraceRecorder
{
    private const int MaxErrors = 200;

    /// <summary>The syscall name of accesses seen through fanotify.</summary>
    public const string FanotifySource = "fanotify";

    // Pseudo filesystems: their paths are recorded but not walked for symlinks (/proc/self would be the tracer).
    private static readonly string[] PseudoRoots = ["/proc", "/sys", "/dev"];

    private readonly Lock _gate = new();
    private readonly long[] _syscalls = new long[SyscallTable.Count];
    private readonly Dictionary<int, ProcessRecord> _processes = [];
    private readonly Dictionary<string, Dictionary<AccessKey, long>> _files = new(StringComparer.Ordinal);
    private readonly List<TracerError> _errors = [];
    private readonly Dictionary<CallKey, long> _calls = [];
    private readonly string _excluded;
    private readonly string _root;
    private long _version;

    /// <param name="excludedDirectory">The tracer's own bundle (/.slim): never reported.</param>
    /// <param name="root">The root symlinks are followed in ("/" inside the container).</param>
    public TraceRecorder(string excludedDirectory, string root = "/")
    {
        _excluded = excludedDirectory.TrimEnd('/');
        _root = root;
        Fanotify = new FanotifyState(false, [], "not started");
    }

    public FanotifyState Fanotify { get; set; }

    /// <summary>Changes with every recorded fact, so snapshots are only written when something is new.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Called only from the trace thread, so a plain increment is enough.</summary>
    public void CountSyscall(long number)
    {
        if (number >= 0 && number < _syscalls.Length)
        {
            _syscalls[number]++;
            _version++;
        }
    }

    /// <summary>A call whose arguments decide a privilege, counted per distinct caller and arguments.</summary>
    public void CallMade(string syscall, int pid, int euid, long[] arguments)
    {
        var key = new CallKey(syscall, pid, euid, string.Join(',', arguments.Select(a => a.ToString(CultureInfo.InvariantCulture))));
        lock (_gate)
        {
            _calls[key] = _calls.GetValueOrDefault(key) + 1;
            _version++;
        }
    }

    public void ProcessStarted(int pid, int parentPid)
    {
        lock (_gate)
        {
            if (_processes.TryGetValue(pid, out var known) && known.Exit is null)
            {
                return; // already known and alive (a thread seen before its leader's record): keep what we have
            }

            var comm = _processes.TryGetValue(parentPid, out var parent) ? parent.Comm : Procfs.Comm(pid);
            _processes[pid] = new ProcessRecord(pid, parentPid, comm);
            _version++;
        }
    }

    public void ThreadStarted(int pid)
    {
        lock (_gate)
        {
            if (_processes.TryGetValue(pid, out var process))
            {
                process.Threads++;
            }
        }
    }

    /// <summary>
    /// A successful exec. The program now running is a file the application used, whatever path led to it (a
    /// script's interpreter, or an fd for fexecve), so it is recorded as an exec of <paramref name="exe"/> too.
    /// </summary>
    public void ProcessExeced(int pid, string? exe, IReadOnlyList<string> argv, string? comm, string syscall = "execve")
    {
        lock (_gate)
        {
            if (!_processes.TryGetValue(pid, out var process))
            {
                process = new ProcessRecord(pid, 0, comm);
                _processes[pid] = process;
            }

            process.Exe = exe;
            process.Argv = argv;
            process.Comm = comm ?? process.Comm;
            if (exe is not null)
            {
                process.Execs.Add(exe);
            }

            _version++;
        }

        if (exe is not null && exe.StartsWith('/') && !exe.EndsWith(" (deleted)", StringComparison.Ordinal))
        {
            PathTouched(PathAccessKind.Exec, exe, exe, syscall, pid, null);
        }
    }

    public void ProcessExited(int pid, ExitStatus status)
    {
        lock (_gate)
        {
            if (_processes.TryGetValue(pid, out var process))
            {
                process.Exit = status;
                _version++;
            }
        }
    }

    public bool IsTraced(int pid)
    {
        lock (_gate)
        {
            return _processes.ContainsKey(pid);
        }
    }

    /// <summary>Records one access; <paramref name="resolved"/> is the absolute path, <paramref name="error"/> null on success.</summary>
    public void PathTouched(PathAccessKind kind, string askedAs, string resolved, string syscall, int pid, string? error, string? comm = null)
    {
        // The bundle by its own name too: reached through PID 1's descriptor, it still is /.slim (or, hidden, /dev/.slim) to the kernel.
        if (resolved.Length == 0 || (PathResolver.IsUnder(resolved, _excluded) && _excluded.Length > 0)
            || PathResolver.IsUnder(resolved, TracerMount.Directory) || PathResolver.IsUnder(resolved, TracerMount.Hideaway))
        {
            return;
        }

        lock (_gate)
        {
            var known = _processes.TryGetValue(pid, out var process);
            // The stub loading itself before it execs the command is not the application. Its opens for exec are
            // not its own though: the stub's loader and binary are in the excluded bundle, so an exec open from it is
            // the execve of the command, the command file and its script interpreters (read before the exec stop
            // is seen, or after it: the fanotify reader runs on its own).
            if (known && syscall == FanotifySource && kind != PathAccessKind.Exec && process!.ParentPid == 0 && process.Execs.Count == 0)
            {
                return;
            }

            comm ??= known ? process!.Comm : null;
            if (!_files.TryGetValue(resolved, out var accesses))
            {
                accesses = [];
                _files[resolved] = accesses;
            }

            var key = new AccessKey(kind, askedAs, syscall, pid, comm, error);
            accesses[key] = accesses.GetValueOrDefault(key) + 1;
            _version++;
        }
    }

    public void Error(string where, string message)
    {
        lock (_gate)
        {
            if (_errors.Count < MaxErrors)
            {
                _errors.Add(new TracerError(where, message));
                _version++;
            }
        }
    }

    public TraceReport Build(ReportHeader header, TraceCompletion completion, ExitStatus? exit)
    {
        List<TracedProcess> processes;
        List<(string Path, List<PathAccess> Accesses)> files;
        List<TracerError> errors;
        List<TracedCall> calls;
        lock (_gate)
        {
            calls = [.. _calls.OrderBy(c => c.Key.Syscall, StringComparer.Ordinal).ThenBy(c => c.Key.Pid).ThenBy(c => c.Key.Arguments, StringComparer.Ordinal)
                .Select(c => new TracedCall(c.Key.Syscall, c.Key.Pid, c.Key.Euid, [.. c.Key.Arguments.Split(',').Select(a => long.Parse(a, CultureInfo.InvariantCulture))], c.Value))];
            processes = [.. _processes.Values.OrderBy(p => p.Pid).Select(p => p.Freeze())];
            files = [.. _files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value
                .Select(a => new PathAccess(a.Key.Kind, a.Key.AskedAs, a.Key.Syscall, a.Key.Pid, a.Key.Comm, a.Key.Error, a.Value))
                .OrderBy(a => a.Pid).ThenBy(a => a.Kind).ThenBy(a => a.Syscall, StringComparer.Ordinal)
                .ThenBy(a => a.AskedAs, StringComparer.Ordinal).ThenBy(a => a.Error, StringComparer.Ordinal).ToList()))];
            errors = [.. _errors];
        }

        // Symlinks are followed outside the lock: it touches the file system, and the trace must not wait for it.
        var resolver = new SymlinkResolver(_root);
        var links = new List<(string Path, string Target)>();
        var tracedFiles = new List<TracedFile>(files.Count);
        foreach (var (path, accesses) in files)
        {
            var target = PseudoRoots.Any(r => PathResolver.IsUnder(path, r)) ? path : resolver.Resolve(path, links);
            tracedFiles.Add(new TracedFile(
                path,
                accesses.Any(a => a.Error is null),
                target,
                [.. accesses.Select(a => a.Kind).Distinct().Order()],
                accesses));
        }

        var symlinks = links.Distinct().OrderBy(l => l.Path, StringComparer.Ordinal)
            .Select(l => new TracedSymlink(l.Path, l.Target)).ToList();
        var syscalls = new List<SyscallCount>();
        for (var i = 0; i < _syscalls.Length; i++)
        {
            var count = Volatile.Read(ref _syscalls[i]);
            if (count > 0)
            {
                syscalls.Add(new SyscallCount(SyscallTable.NameOf(i) ?? $"syscall_{i}", i, count));
            }
        }

        syscalls.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new TraceReport(
            TraceReport.CurrentVersion,
            header.Kind,
            header.Mode,
            header.Command,
            header.User,
            header.Started,
            DateTimeOffset.UtcNow,
            completion,
            exit,
            Fanotify,
            processes,
            tracedFiles,
            symlinks,
            syscalls,
            errors,
            calls);
    }
}
