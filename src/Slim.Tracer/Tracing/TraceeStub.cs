using System.Runtime.InteropServices;
using Slim.Tracer.Native;
using Slim.Tracer.Startup;

namespace Slim.Tracer.Tracing;

/// <summary>
/// The first moments of a traced command, run as a fresh copy of this program: stop so the tracer can seize us
/// before anything happens, load the seccomp filter (now that a tracer exists, RET_TRACE will not fail the calls
/// with ENOSYS), drop to the target user, then exec the command. Never returns.
/// </summary>
internal static unsafe class TraceeStub
{
    public const string Mode = "__stub";

    /// <summary>The stub's command line: <c>__stub [--no-seccomp] [--uid N --gid N --groups a,b] -- CMD ARGS…</c>.</summary>
    public static IReadOnlyList<string> Arguments(bool seccomp, Users.ResolvedUser? user, IReadOnlyList<string> command)
    {
        var args = new List<string> { Mode };
        if (!seccomp)
        {
            args.Add("--no-seccomp");
        }

        if (user is not null)
        {
            args.AddRange(["--uid", user.Uid.ToString(), "--gid", user.Gid.ToString(), "--groups", string.Join(',', user.Groups)]);
            if (user.Home is { } home)
            {
                args.AddRange(["--home", home]);
            }
        }

        args.Add("--");
        args.AddRange(command);
        return args;
    }

    public static int Run(IReadOnlyList<string> args)
    {
        var seccomp = true;
        int? uid = null, gid = null;
        string? home = null;
        var groups = new List<uint>();
        var i = 0;
        for (; i < args.Count && args[i] != "--"; i++)
        {
            switch (args[i])
            {
                case "--no-seccomp": seccomp = false; break;
                case "--uid": uid = int.Parse(args[++i]); break;
                case "--gid": gid = int.Parse(args[++i]); break;
                case "--home": home = args[++i]; break;
                case "--groups":
                    groups.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(uint.Parse));
                    break;
                default: break;
            }
        }

        var command = args.Skip(i + 1).ToList();
        if (command.Count == 0)
        {
            return Fail("no command", 125);
        }

        // The runtime ignores SIGPIPE and may block signals; an ignored signal survives exec, so undo both.
        Libc.signal(Signals.SIGPIPE, 0);
        var empty = stackalloc byte[128];
        Libc.sigemptyset(empty);
        Libc.pthread_sigmask(Kernel.SigSetMask, empty, null);

        Libc.raise(Signals.SIGSTOP);

        if (seccomp && !LoadTraceFilter())
        {
            // Without CAP_SYS_ADMIN (a non-root host run) the kernel wants NO_NEW_PRIVS first: trace anyway, and say
            // what it costs (setuid programs will not gain privileges).
            var errno = Marshal.GetLastPInvokeError();
            if (errno != 13 || Libc.prctl(Kernel.PrSetNoNewPrivs, 1, 0, 0, 0) != 0 || !LoadTraceFilter())
            {
                return Fail($"cannot load the seccomp filter: {ErrnoNames.NameOf(errno)}", 125);
            }

            ErrorOutput.Line("warning: no CAP_SYS_ADMIN, so the seccomp filter runs with no_new_privs (setuid programs keep their caller's rights)");
        }

        // Read it while still root: once the uid changes the process is no longer dumpable and
        // /proc/self/environ becomes unreadable, which would start the app with an empty environment.
        var environment = WithHome(Spawner.InheritedEnvironment(), uid, home);

        if (gid is { } g)
        {
            var list = groups.Count == 0 ? [(uint)g] : groups.ToArray();
            fixed (uint* p = list)
            {
                if (Libc.setgroups((nuint)list.Length, p) != 0 || Libc.setresgid((uint)g, (uint)g, (uint)g) != 0)
                {
                    return Fail($"cannot switch to gid {g}: {ErrnoNames.NameOf(Marshal.GetLastPInvokeError())}", 125);
                }
            }
        }

        if (uid is { } u && Libc.setresuid((uint)u, (uint)u, (uint)u) != 0)
        {
            return Fail($"cannot switch to uid {u}: {ErrnoNames.NameOf(Marshal.GetLastPInvokeError())}", 125);
        }

        return Exec(command, environment);
    }

    /// <summary>
    /// One BPF instruction: every system call returns SECCOMP_RET_TRACE, i.e. one ptrace stop before it runs.
    /// No PR_SET_NO_NEW_PRIVS, so setuid programs keep working; that needs CAP_SYS_ADMIN, which we have as root.
    /// </summary>
    private static bool LoadTraceFilter()
    {
        var filter = stackalloc ulong[1];
        // struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }
        filter[0] = Kernel.BpfRetK | ((ulong)Kernel.SeccompRetTrace << 32);
        var program = stackalloc ulong[2];
        program[0] = 1; // struct sock_fprog { unsigned short len; (padding) struct sock_filter *filter; }
        program[1] = (ulong)filter;
        return Libc.prctl(Kernel.PrSetSeccomp, Kernel.SeccompModeFilter, (nuint)program, 0, 0) == 0;
    }

    /// <summary>
    /// The container runs as root for the tracer, so the engine set HOME to root's; the app's user gets
    /// its own home from /etc/passwd, as the engine would have given it.
    /// </summary>
    private static List<string> WithHome(IReadOnlyList<string> environment, int? uid, string? home)
    {
        var result = environment.ToList();
        if (uid is null or 0 || home is null)
        {
            return result;
        }

        var index = result.FindIndex(e => e.StartsWith("HOME=", StringComparison.Ordinal));
        if (index < 0)
        {
            result.Add("HOME=" + home);
        }
        else if (result[index] == "HOME=/root")
        {
            result[index] = "HOME=" + home;
        }

        return result;
    }

    /// <summary>execvp: a bare name is looked up in PATH (from the environment the command gets).</summary>
    private static int Exec(List<string> command, IReadOnlyList<string> environment)
    {
        using var argv = new NativeStringArray(command);
        using var envp = new NativeStringArray(environment);
        var name = command[0];
        var candidates = new List<string>();
        if (name.Contains('/'))
        {
            candidates.Add(name);
        }
        else
        {
            var path = environment.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..]
                ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
            candidates.AddRange(path.Split(':').Select(d => (d.Length == 0 ? "." : d) + "/" + name));
        }

        var error = 2; // ENOENT
        foreach (var candidate in candidates)
        {
            var p = NativeStringArray.Utf8(candidate);
            Libc.execve(p, argv.Pointer, envp.Pointer);
            var errno = Marshal.GetLastPInvokeError();
            NativeMemory.Free(p);
            if (errno != 2 && errno != 20)
            {
                error = errno; // like execvp: remember EACCES and the like over ENOENT
            }
        }

        return Fail($"cannot run {name}: {ErrnoNames.NameOf(error)}", error == 2 ? 127 : 126);
    }

    private static int Fail(string message, int code)
    {
        ErrorOutput.Line(message);
        return code;
    }
}
