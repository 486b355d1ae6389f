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
    public static string KindOfOpen(long flags)
    {
        if ((flags & Kernel.ODirectory) != 0)
        {
            return PathAccessKinds.List;
        }

        return (flags & (Kernel.OWriteOnly | Kernel.OReadWrite | Kernel.OCreat | Kernel.OTrunc)) != 0
            ? PathAccessKinds.Write
            : PathAccessKinds.Read;
    }

    private static PathCall?[] Build()
    {
        var calls = new List<PathCall>
        {
            new("open", [new(Cwd, 0, PathAccessKinds.Read)], OpenFlags: 1),
            new("openat", [new(0, 1, PathAccessKinds.Read)], OpenFlags: 2),
            new("openat2", [new(0, 1, PathAccessKinds.Read)], OpenFlags: 2, FlagsInStruct: true),
            new("creat", [new(Cwd, 0, PathAccessKinds.Write)]),
            new("execve", [new(Cwd, 0, PathAccessKinds.Exec)]),
            new("execveat", [new(0, 1, PathAccessKinds.Exec)]),
            new("stat", [new(Cwd, 0, PathAccessKinds.Stat)]),
            new("lstat", [new(Cwd, 0, PathAccessKinds.Stat)]),
            new("newfstatat", [new(0, 1, PathAccessKinds.Stat)]),
            new("statx", [new(0, 1, PathAccessKinds.Stat)]),
            new("access", [new(Cwd, 0, PathAccessKinds.Stat)]),
            new("faccessat", [new(0, 1, PathAccessKinds.Stat)]),
            new("faccessat2", [new(0, 1, PathAccessKinds.Stat)]),
            new("statfs", [new(Cwd, 0, PathAccessKinds.Stat)]),
            new("readlink", [new(Cwd, 0, PathAccessKinds.Readlink)]),
            new("readlinkat", [new(0, 1, PathAccessKinds.Readlink)]),
            new("chdir", [new(Cwd, 0, PathAccessKinds.Chdir)]),
            new("chroot", [new(Cwd, 0, PathAccessKinds.Chdir)]),
            new("truncate", [new(Cwd, 0, PathAccessKinds.Write)]),
            new("mkdir", [new(Cwd, 0, PathAccessKinds.Create)]),
            new("mkdirat", [new(0, 1, PathAccessKinds.Create)]),
            new("mknod", [new(Cwd, 0, PathAccessKinds.Create)]),
            new("mknodat", [new(0, 1, PathAccessKinds.Create)]),
            new("unlink", [new(Cwd, 0, PathAccessKinds.Delete)]),
            new("unlinkat", [new(0, 1, PathAccessKinds.Delete)]),
            new("rmdir", [new(Cwd, 0, PathAccessKinds.Delete)]),
            new("rename", [new(Cwd, 0, PathAccessKinds.Rename), new(Cwd, 1, PathAccessKinds.Rename)]),
            new("renameat", [new(0, 1, PathAccessKinds.Rename), new(2, 3, PathAccessKinds.Rename)]),
            new("renameat2", [new(0, 1, PathAccessKinds.Rename), new(2, 3, PathAccessKinds.Rename)]),
            new("link", [new(Cwd, 0, PathAccessKinds.Link), new(Cwd, 1, PathAccessKinds.Link)]),
            new("linkat", [new(0, 1, PathAccessKinds.Link), new(2, 3, PathAccessKinds.Link)]),
            // The first argument of symlink is the link's content, not a path that is looked up.
            new("symlink", [new(Cwd, 1, PathAccessKinds.Create)]),
            new("symlinkat", [new(1, 2, PathAccessKinds.Create)]),
            new("chmod", [new(Cwd, 0, PathAccessKinds.Metadata)]),
            new("fchmodat", [new(0, 1, PathAccessKinds.Metadata)]),
            new("fchmodat2", [new(0, 1, PathAccessKinds.Metadata)]),
            new("chown", [new(Cwd, 0, PathAccessKinds.Metadata)]),
            new("lchown", [new(Cwd, 0, PathAccessKinds.Metadata)]),
            new("fchownat", [new(0, 1, PathAccessKinds.Metadata)]),
            new("utime", [new(Cwd, 0, PathAccessKinds.Metadata)]),
            new("utimes", [new(Cwd, 0, PathAccessKinds.Metadata)]),
            new("utimensat", [new(0, 1, PathAccessKinds.Metadata)]),
            new("futimesat", [new(0, 1, PathAccessKinds.Metadata)]),
            new("setxattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("lsetxattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("getxattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("lgetxattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("listxattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("llistxattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("removexattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("lremovexattr", [new(Cwd, 0, PathAccessKinds.Xattr)]),
            new("inotify_add_watch", [new(Cwd, 1, PathAccessKinds.Watch)]),
            new("name_to_handle_at", [new(0, 1, PathAccessKinds.Stat)]),
            new("bind", [new(Cwd, 1, PathAccessKinds.Socket)], UnixSocket: true),
            new("connect", [new(Cwd, 1, PathAccessKinds.Socket)], UnixSocket: true),
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
