using System.Runtime.InteropServices;
using System.Text;
using Slim.Tracer.Native;

namespace Slim.Tracer.Startup;

/// <summary>
/// posix_spawn, the only way this program starts another: forking a .NET process is unsafe, and
/// System.Diagnostics.Process would install a SIGCHLD reaper that steals ptrace stops.
/// </summary>
internal static unsafe class Spawner
{
    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336; leave room.
    private const int OpaqueSize = 1024;
    private const int SigSetSize = 128;

    /// <summary>Spawns argv[0] with the environment we were started with; returns the pid or throws with errno.</summary>
    /// <param name="dup2">Extra fds to hand to the child: (our fd, the child's fd).</param>
    public static int Spawn(IReadOnlyList<string> argv, IReadOnlyList<string> environment, IReadOnlyList<(int From, int To)>? dup2 = null)
    {
        var actions = NativeMemory.AllocZeroed(OpaqueSize);
        var attr = NativeMemory.AllocZeroed(OpaqueSize);
        var mask = NativeMemory.AllocZeroed(SigSetSize);
        var defaults = NativeMemory.AllocZeroed(SigSetSize);
        try
        {
            Libc.posix_spawn_file_actions_init(actions);
            foreach (var (from, to) in dup2 ?? [])
            {
                Libc.posix_spawn_file_actions_adddup2(actions, from, to);
            }

            // The runtime blocks and ignores some signals (SIGPIPE); the child starts with a clean slate.
            Libc.posix_spawnattr_init(attr);
            Libc.sigemptyset(mask);
            Libc.sigemptyset(defaults);
            Libc.sigaddset(defaults, Signals.SIGPIPE);
            Libc.posix_spawnattr_setsigmask(attr, mask);
            Libc.posix_spawnattr_setsigdefault(attr, defaults);
            Libc.posix_spawnattr_setflags(attr, Kernel.PosixSpawnSetSigMask | Kernel.PosixSpawnSetSigDef);

            using var args = new NativeStringArray(argv);
            using var env = new NativeStringArray(environment);
            int pid;
            var rc = Libc.posix_spawn(&pid, args.Pointer[0], actions, attr, args.Pointer, env.Pointer);
            if (rc != 0)
            {
                throw new InvalidOperationException($"posix_spawn {argv[0]}: {ErrnoNames.NameOf(rc)}");
            }

            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(mask);
            NativeMemory.Free(defaults);
        }
    }

    /// <summary>Our environment exactly as the kernel gave it (order and bytes kept), for the application.</summary>
    public static IReadOnlyList<string> InheritedEnvironment() =>
        Procfs.ReadNulSeparated("/proc/self/environ").Where(e => e.Length > 0).ToList();

    public static string Describe(IReadOnlyList<string> argv)
    {
        var b = new StringBuilder();
        foreach (var a in argv)
        {
            b.Append(b.Length == 0 ? "" : " ").Append(a);
        }

        return b.ToString();
    }
}
