using System.Runtime.InteropServices;

namespace Slim.Tracer.Native;

/// <summary>struct user_regs_struct (sys/user.h, x86_64), as PTRACE_GETREGS fills it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UserRegs
{
    public ulong R15, R14, R13, R12, Rbp, Rbx, R11, R10, R9, R8, Rax, Rcx, Rdx, Rsi, Rdi, OrigRax;
    public ulong Rip, Cs, Eflags, Rsp, Ss, FsBase, GsBase, Ds, Es, Fs, Gs;

    /// <summary>The n-th system call argument in the x86_64 syscall convention (rdi, rsi, rdx, r10, r8, r9).</summary>
    public readonly ulong Arg(int index) => index switch
    {
        0 => Rdi,
        1 => Rsi,
        2 => Rdx,
        3 => R10,
        4 => R8,
        5 => R9,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>A stopped tracee's registers (PTRACE_GETREGS); false when it is gone (ESRCH).</summary>
    public static bool TryRead(int tid, out UserRegs regs)
    {
        UserRegs r;
        var ok = Libc.ptrace(Ptrace.GetRegs, tid, 0, (nint)(&r)) == 0;
        regs = r;
        return ok;
    }
}
