using System.Runtime.InteropServices;
using Slim.Trace;
using Slim.Tracer.Native;
using Slim.Tracer.Reporting;

namespace Slim.Tracer.Fanotify;

/// <summary>
/// Watches every mount of the container's tree with fanotify and records the files opened, read and exec'd,
/// by any process (those started with docker exec too) — also what ptrace cannot see cheaply, like the loader's
/// mmaps. Reads on its own thread. Refused (EPERM in rootless engines), it reports why and the trace goes on.
/// </summary>
internal sealed unsafe class FanotifyWatcher
{
    private const uint FanCloexec = 0x1;
    private const uint FanClassNotif = 0x0;
    private const uint FanUnlimitedQueue = 0x10;
    private const uint FanMarkAdd = 0x1;
    private const uint FanMarkMount = 0x10;
    private const ulong FanAccess = 0x1;
    private const ulong FanOpen = 0x20;
    private const ulong FanOpenExec = 0x1000;
    private const ulong FanQueueOverflow = 0x4000;
    private const ulong FanEventOnChild = 0x08000000;
    private const ulong FanOnDir = 0x40000000;
    private const int MetadataSize = 24;

    private readonly int _fd;
    private readonly TraceRecorder _recorder;
    private readonly Func<int, bool> _accept;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private FanotifyWatcher(int fd, TraceRecorder recorder, Func<int, bool> accept)
    {
        _fd = fd;
        _recorder = recorder;
        _accept = accept;
        _thread = new Thread(ReadLoop) { IsBackground = true, Name = "fanotify" };
    }

    /// <summary>Starts watching, or returns null having told the recorder why not.</summary>
    /// <param name="everyMount">Mark every mount (in a container) or only "/" (on a host).</param>
    /// <param name="accept">Which pids' accesses to keep (everyone's in a container; the traced tree's on a host).</param>
    public static FanotifyWatcher? TryStart(TraceRecorder recorder, string excludedDirectory, bool everyMount, Func<int, bool> accept)
    {
        var fd = Libc.fanotify_init(FanCloexec | FanClassNotif | FanUnlimitedQueue, (uint)(Kernel.OLargeFile | Kernel.OCloExec));
        if (fd < 0)
        {
            var errno = ErrnoNames.NameOf(Marshal.GetLastPInvokeError());
            recorder.Fanotify = new FanotifyState(false, [], $"fanotify_init: {errno}; file accesses come from ptrace alone");
            return null;
        }

        var marked = new List<string>();
        var failures = new List<string>();
        var mountinfo = File.Exists("/proc/self/mountinfo") ? File.ReadAllText("/proc/self/mountinfo") : "";
        // In a container every mount belongs to it; on a host only the root mount is watched, not the machine's others.
        var points = MountTable.WatchedMountPoints(mountinfo, excludedDirectory);
        foreach (var point in everyMount ? points : points.Where(p => p == "/"))
        {
            var path = NativeStringArray.Utf8(point);
            try
            {
                var mask = FanOpen | FanOpenExec | FanAccess | FanOnDir | FanEventOnChild;
                if (Libc.fanotify_mark(fd, FanMarkAdd | FanMarkMount, mask, Kernel.AtFdCwd, path) == 0)
                {
                    marked.Add(point);
                }
                else
                {
                    failures.Add($"{point}: {ErrnoNames.NameOf(Marshal.GetLastPInvokeError())}");
                }
            }
            finally
            {
                NativeMemory.Free(path);
            }
        }

        if (marked.Count == 0)
        {
            Libc.close(fd);
            recorder.Fanotify = new FanotifyState(false, [], $"no mount could be marked ({string.Join(", ", failures)}); file accesses come from ptrace alone");
            return null;
        }

        foreach (var failure in failures)
        {
            recorder.Error("fanotify", "fanotify_mark " + failure);
        }

        recorder.Fanotify = new FanotifyState(true, marked, null);
        var watcher = new FanotifyWatcher(fd, recorder, accept);
        watcher._thread.Start();
        return watcher;
    }

    /// <summary>Reads what is still queued, then stops (so accesses just before the end are not lost).</summary>
    public void Stop()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void ReadLoop()
    {
        var buffer = (byte*)NativeMemory.Alloc(64 * 1024);
        try
        {
            var ownPid = Libc.getpid();
            while (true)
            {
                var poll = new PollFd { Fd = _fd, Events = 1 /* POLLIN */ };
                var ready = Libc.poll(&poll, 1, 100);
                if (ready == 0)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    continue;
                }

                if (ready < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Kernel.EINTR)
                    {
                        continue;
                    }

                    _recorder.Error("fanotify", "poll: " + ErrnoNames.NameOf(Marshal.GetLastPInvokeError()));
                    return;
                }

                var n = (int)Libc.read(_fd, buffer, 64 * 1024);
                if (n <= 0)
                {
                    continue;
                }

                for (var offset = 0; offset + MetadataSize <= n;)
                {
                    var eventLength = *(uint*)(buffer + offset);
                    var mask = *(ulong*)(buffer + offset + 8);
                    var fd = *(int*)(buffer + offset + 16);
                    var pid = *(int*)(buffer + offset + 20);
                    if (eventLength < MetadataSize)
                    {
                        break;
                    }

                    Handle(mask, fd, pid, ownPid);
                    offset += (int)eventLength;
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    private void Handle(ulong mask, int fd, int pid, int ownPid)
    {
        if ((mask & FanQueueOverflow) != 0)
        {
            _recorder.Error("fanotify", "the event queue overflowed; some file accesses may be missing");
        }

        if (fd < 0)
        {
            return;
        }

        try
        {
            if (pid == ownPid || pid == 1 || !_accept(pid))
            {
                return;
            }

            var path = Procfs.ReadLink($"/proc/self/fd/{fd}");
            if (path is null || !path.StartsWith('/'))
            {
                return;
            }

            var kind = (mask & FanOpenExec) != 0 ? PathAccessKind.Exec
                : (mask & FanOnDir) != 0 ? PathAccessKind.List
                : PathAccessKind.Open;
            // A traced process's name is known (and kept current across execs) by the recorder; others are asked.
            var comm = _recorder.IsTraced(pid) ? null : Procfs.Comm(pid);
            _recorder.PathTouched(kind, path, path, TraceRecorder.FanotifySource, pid, null, comm);
        }
        finally
        {
            Libc.close(fd);
        }
    }
}
