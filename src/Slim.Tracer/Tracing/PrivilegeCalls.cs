using System.Text;
using Slim.Tracer.Native;

namespace Slim.Tracer.Tracing;

/// <summary>
/// The calls whose arguments decide a capability (binding a low port, raw sockets, signalling another user's process,
/// changing ids, chown, mknod, chroot), and what of their arguments is kept (<see cref="Slim.Trace.TracedCall"/>).
/// Read at the entry stop; the caller's effective uid comes from /proc, as ptrace shows no credentials.
/// </summary>
internal static unsafe class PrivilegeCalls
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const long SocketTypeMask = 0xf; // SOCK_NONBLOCK and SOCK_CLOEXEC sit above it

    private static readonly string?[] Names = Build();

    /// <summary>The call's name when <paramref name="number"/> is one of them, else null.</summary>
    public static string? For(long number) => number >= 0 && number < Names.Length ? Names[number] : null;

    /// <summary>What is kept of the arguments of <paramref name="name"/>, read from the stopped tracee.</summary>
    public static long[] Arguments(int tid, string name, UserRegs regs) => name switch
    {
        "bind" => BindAddress(tid, regs.Arg(1), regs.Arg(2)),
        "socket" => [(long)regs.Arg(0), (long)regs.Arg(1) & SocketTypeMask, (long)regs.Arg(2)],
        "kill" or "tkill" => [(long)(int)regs.Arg(0), (long)(int)regs.Arg(1), TargetEuid((int)regs.Arg(0))],
        "tgkill" => [(long)(int)regs.Arg(0), (long)(int)regs.Arg(2), TargetEuid((int)regs.Arg(0))],
        _ => [(long)(int)regs.Arg(0), (long)(int)regs.Arg(1), (long)(int)regs.Arg(2)],
    };

    /// <summary>The effective uid of a process (the second number of /proc/PID/status's Uid line); -1 when unknown.</summary>
    public static int EffectiveUid(int pid)
    {
        if (pid <= 0 || Procfs.ReadAll($"/proc/{pid}/status") is not { } bytes)
        {
            return -1;
        }

        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line[4..].Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 1 && int.TryParse(fields[1], out var euid) ? euid : -1;
            }
        }

        return -1;
    }

    private static long TargetEuid(int pid) => pid > 0 ? EffectiveUid(pid) : -1; // 0 and negatives name groups

    /// <summary>[family, port] of a sockaddr_in or sockaddr_in6 (port -1 for any other family).</summary>
    private static long[] BindAddress(int tid, ulong address, ulong length)
    {
        var buffer = stackalloc byte[4];
        if (address == 0 || length < 4 || TraceeMemory.Read(tid, address, buffer, 4) != 4)
        {
            return [-1, -1];
        }

        var family = buffer[0] | (buffer[1] << 8);
        var port = family is AfInet or AfInet6 ? (buffer[2] << 8) | buffer[3] : -1; // network byte order
        return [family, port];
    }

    private static string?[] Build()
    {
        string[] names =
        [
            "bind", "socket", "kill", "tkill", "tgkill",
            "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "setfsuid", "setfsgid",
            "chown", "fchown", "lchown", "fchownat", "mknod", "mknodat", "chroot", "capset",
        ];
        var table = new string?[SyscallTable.Count];
        foreach (var name in names)
        {
            if (SyscallTable.TryNumberOf(name) is var number and >= 0)
            {
                table[number] = name;
            }
        }

        return table;
    }
}
