using Slim.Tracer.Native;

namespace Slim.Tracer.Tracing;

/// <summary>
/// Reads the path arguments of a path-taking call from the tracee at its entry stop: the strings (or a unix socket's
/// address), the access kind (from open flags where they decide it), and the directory a relative path is against.
/// </summary>
internal static unsafe class PathArgumentReader
{
    private const int SockaddrUnSize = 110;

    /// <summary>The paths <paramref name="call"/> names, each made absolute; empty and NULL paths are skipped.</summary>
    public static List<PendingPath> Read(int tid, PathCall call, UserRegs regs)
    {
        var paths = new List<PendingPath>(call.Paths.Count);
        for (var i = 0; i < call.Paths.Count; i++)
        {
            var argument = call.Paths[i];
            var asked = call.UnixSocket
                ? ReadUnixSocketPath(tid, regs.Arg(argument.PathIndex), regs.Arg(argument.PathIndex + 1))
                : TraceeMemory.ReadCString(tid, regs.Arg(argument.PathIndex));
            if (string.IsNullOrEmpty(asked))
            {
                continue; // NULL or "" (AT_EMPTY_PATH): the call works on an fd opened, and recorded, earlier
            }

            var kind = argument.Kind;
            if (call.OpenFlags >= 0 && i == 0)
            {
                var flags = regs.Arg(call.OpenFlags);
                if (call.FlagsInStruct && !TraceeMemory.TryReadUInt64(tid, flags, out flags))
                {
                    flags = 0;
                }

                kind = PathCalls.KindOfOpen((long)flags);
            }

            var baseDirectory = asked.StartsWith('/') ? null : BaseDirectory(tid, argument.DirFdArgument < 0 ? Kernel.AtFdCwd : (int)regs.Arg(argument.DirFdArgument));
            paths.Add(new PendingPath(kind, asked, PathResolver.Resolve(asked, baseDirectory) ?? asked));
        }

        return paths;
    }

    /// <summary>The directory a relative path of <paramref name="tid"/> is resolved against: its cwd, or the directory fd.</summary>
    public static string? BaseDirectory(int tid, int dirfd) =>
        Procfs.ReadLink(dirfd == Kernel.AtFdCwd ? $"/proc/{tid}/cwd" : $"/proc/{tid}/fd/{dirfd}");

    /// <summary>The path of a sockaddr_un, when the address is one and not abstract (those start with NUL).</summary>
    private static string? ReadUnixSocketPath(int tid, ulong address, ulong length)
    {
        if (address == 0 || length <= 2)
        {
            return null;
        }

        var buffer = stackalloc byte[SockaddrUnSize];
        var n = TraceeMemory.Read(tid, address, buffer, (int)Math.Min(length, SockaddrUnSize));
        if (n <= 2 || (buffer[0] | (buffer[1] << 8)) != Kernel.AfUnix || buffer[2] == 0)
        {
            return null;
        }

        var span = new ReadOnlySpan<byte>(buffer + 2, n - 2);
        var nul = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(nul < 0 ? span : span[..nul]);
    }
}
