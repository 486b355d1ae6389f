using Slim.Trace;
using Slim.Tracer.Native;

namespace Slim.Tracer.Tracing;

/// <summary>
/// The path-taking system calls and where their paths are. Names come from the kernel's table
/// (Native/SyscallTable.g.cs); the argument positions follow the man pages' prototypes.
/// </summary>
internal static class PathCalls
{
    private const int Cwd = -1;

    private static readonly PathCall?[] ByNumber = Build();

    public static PathCall? For(long number) => number >= 0 && number < ByNumber.Length ? ByNumber[number] : null;

    /// <summary>How an open call touches its path, from its flags.</summary>
    public static PathAccessKind KindOfOpen(long flags)
    {
        // O_TMPFILE carries O_DIRECTORY's bit too: it writes a file into the directory named, not a listing.
        if ((flags & Kernel.OTmpFile) != 0)
        {
            return PathAccessKind.Write;
        }

        if ((flags & Kernel.ODirectory) != 0)
        {
            return PathAccessKind.List;
        }

        return (flags & (Kernel.OWriteOnly | Kernel.OReadWrite | Kernel.OCreat | Kernel.OTrunc)) != 0
            ? PathAccessKind.Write
            : PathAccessKind.Read;
    }

    private static PathCall?[] Build()
    {
        var calls = new List<PathCall>
        {
            new("open", [new(Cwd, 0, PathAccessKind.Read)], OpenFlags: 1),
            new("openat", [new(0, 1, PathAccessKind.Read)], OpenFlags: 2),
            new("openat2", [new(0, 1, PathAccessKind.Read)], OpenFlags: 2, FlagsInStruct: true),
            new("creat", [new(Cwd, 0, PathAccessKind.Write)]),
            new("execve", [new(Cwd, 0, PathAccessKind.Exec)]),
            new("execveat", [new(0, 1, PathAccessKind.Exec)]),
            new("stat", [new(Cwd, 0, PathAccessKind.Stat)]),
            new("lstat", [new(Cwd, 0, PathAccessKind.Stat)]),
            new("newfstatat", [new(0, 1, PathAccessKind.Stat)]),
            new("statx", [new(0, 1, PathAccessKind.Stat)]),
            new("access", [new(Cwd, 0, PathAccessKind.Stat)]),
            new("faccessat", [new(0, 1, PathAccessKind.Stat)]),
            new("faccessat2", [new(0, 1, PathAccessKind.Stat)]),
            new("statfs", [new(Cwd, 0, PathAccessKind.Stat)]),
            new("readlink", [new(Cwd, 0, PathAccessKind.Readlink)]),
            new("readlinkat", [new(0, 1, PathAccessKind.Readlink)]),
            new("chdir", [new(Cwd, 0, PathAccessKind.Chdir)]),
            new("chroot", [new(Cwd, 0, PathAccessKind.Chdir)]),
            new("truncate", [new(Cwd, 0, PathAccessKind.Write)]),
            new("mkdir", [new(Cwd, 0, PathAccessKind.Create)]),
            new("mkdirat", [new(0, 1, PathAccessKind.Create)]),
            new("mknod", [new(Cwd, 0, PathAccessKind.Create)]),
            new("mknodat", [new(0, 1, PathAccessKind.Create)]),
            new("unlink", [new(Cwd, 0, PathAccessKind.Delete)]),
            new("unlinkat", [new(0, 1, PathAccessKind.Delete)]),
            new("rmdir", [new(Cwd, 0, PathAccessKind.Delete)]),
            new("rename", [new(Cwd, 0, PathAccessKind.Rename), new(Cwd, 1, PathAccessKind.Rename)]),
            new("renameat", [new(0, 1, PathAccessKind.Rename), new(2, 3, PathAccessKind.Rename)]),
            new("renameat2", [new(0, 1, PathAccessKind.Rename), new(2, 3, PathAccessKind.Rename)]),
            new("link", [new(Cwd, 0, PathAccessKind.Link), new(Cwd, 1, PathAccessKind.Link)]),
            new("linkat", [new(0, 1, PathAccessKind.Link), new(2, 3, PathAccessKind.Link)]),
            // The first argument of symlink is the link's content, not a path that is looked up.
            new("symlink", [new(Cwd, 1, PathAccessKind.Create)]),
            new("symlinkat", [new(1, 2, PathAccessKind.Create)]),
            new("chmod", [new(Cwd, 0, PathAccessKind.Metadata)]),
            new("fchmodat", [new(0, 1, PathAccessKind.Metadata)]),
            new("fchmodat2", [new(0, 1, PathAccessKind.Metadata)]),
            new("chown", [new(Cwd, 0, PathAccessKind.Metadata)]),
            new("lchown", [new(Cwd, 0, PathAccessKind.Metadata)]),
            new("fchownat", [new(0, 1, PathAccessKind.Metadata)]),
            new("utime", [new(Cwd, 0, PathAccessKind.Metadata)]),
            new("utimes", [new(Cwd, 0, PathAccessKind.Metadata)]),
            new("utimensat", [new(0, 1, PathAccessKind.Metadata)]),
            new("futimesat", [new(0, 1, PathAccessKind.Metadata)]),
            new("setxattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("lsetxattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("getxattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("lgetxattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("listxattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("llistxattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("removexattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("lremovexattr", [new(Cwd, 0, PathAccessKind.Xattr)]),
            new("inotify_add_watch", [new(Cwd, 1, PathAccessKind.Watch)]),
            new("name_to_handle_at", [new(0, 1, PathAccessKind.Stat)]),
            new("bind", [new(Cwd, 1, PathAccessKind.Socket)], UnixSocket: true),
            new("connect", [new(Cwd, 1, PathAccessKind.Socket)], UnixSocket: true),
        };

        var table = new PathCall?[SyscallTable.Count];
        foreach (var call in calls)
        {
            // Calls newer than the kernel headers the table was generated from (fchmodat2 on 6.1) are skipped.
            if (SyscallTable.TryNumberOf(call.Name) is var number and >= 0)
            {
                table[number] = call;
            }
        }

        return table;
    }
}
