namespace Slim.Tracer.Native;

/// <summary>ptrace requests, options and events (linux/ptrace.h, x86_64).</summary>
internal static class Ptrace
{
    public const int Cont = 7;
    public const int Kill = 8;
    public const int GetRegs = 12;
    public const int Syscall = 24;
    public const int SetOptions = 0x4200;
    public const int GetEventMsg = 0x4201;
    public const int Seize = 0x4206;
    public const int Interrupt = 0x4207;
    public const int Listen = 0x4208;

    public const int OptionTraceSysGood = 0x1;
    public const int OptionTraceFork = 0x2;
    public const int OptionTraceVFork = 0x4;
    public const int OptionTraceClone = 0x8;
    public const int OptionTraceExec = 0x10;
    public const int OptionTraceSeccomp = 0x80;
    public const int OptionExitKill = 0x100000;

    public const int EventFork = 1;
    public const int EventVFork = 2;
    public const int EventClone = 3;
    public const int EventExec = 4;
    public const int EventSeccomp = 7;
    public const int EventStop = 128;
}

/// <summary>waitpid flags (sys/wait.h).</summary>
internal static class Wait
{
    public const int NoHang = 1;
    public const int Untraced = 2;
    public const int All = 0x40000000; // __WALL: threads (clone children) too
}

/// <summary>Signal numbers (x86_64) and their names.</summary>
internal static class Signals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGTRAP = 5;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGUSR2 = 12;
    public const int SIGPIPE = 13;
    public const int SIGTERM = 15;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    public const int SIGTSTP = 20;
    public const int SIGTTIN = 21;
    public const int SIGTTOU = 22;
    public const int SIGWINCH = 28;

    public static bool IsStopSignal(int signal) =>
        signal is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU;
}

/// <summary>Other kernel constants the tracer uses.</summary>
internal static class Kernel
{
    public const int PrSetPDeathSig = 1;
    public const int PrSetSeccomp = 22;
    public const int PrSetNoNewPrivs = 38;
    public const int PrSetChildSubreaper = 36;
    public const int SeccompModeFilter = 2;
    public const uint SeccompRetTrace = 0x7ff00000;
    public const ushort BpfRetK = 0x06;

    public const int AtFdCwd = -100;
    public const int OWriteOnly = 0x1;
    public const int OReadWrite = 0x2;
    public const int OCreat = 0x40;
    public const int OTrunc = 0x200;
    public const int ODirectory = 0x10000;

    /// <summary>__O_TMPFILE: with O_DIRECTORY, an unnamed file made in the directory opened (O_TMPFILE).</summary>
    public const int OTmpFile = 0x400000;
    public const int OCloExec = 0x80000;
    public const int OPath = 0x200000;
    public const int SysOpenTree = 428; // x86_64
    public const int OpenTreeClone = 1;
    public const uint RenameNoReplace = 1;
    public const int OLargeFile = 0x8000;
    public const uint StatxType = 0x1;
    public const int StatxModeOffset = 28; // stx_mode (u16) in struct statx
    public const int StatxSize = 256;
    public const int FileTypeMask = 0xF000; // S_IFMT
    public const int RegularFile = 0x8000; // S_IFREG
    public const int FGetFd = 1;
    public const int FSetFd = 2;
    public const int FdCloExec = 1;
    public const int CloneThread = 0x10000;
    public const int AfUnix = 1;
    public const int ENOSYS = 38;
    public const int EINTR = 4;
    public const int ECHILD = 10;
    public const int ESRCH = 3;
    public const int SigSetMask = 2;
    public const int PosixSpawnSetSigMask = 0x08;
    public const int PosixSpawnSetSigDef = 0x04;
}
