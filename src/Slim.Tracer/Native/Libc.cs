using System.Runtime.InteropServices;

namespace Slim.Tracer.Native;

/// <summary>
/// The glibc functions the tracer needs, bound by hand because no NuGet binding has ptrace, wait, fanotify,
/// seccomp, prctl or posix_spawn. Signatures follow the C prototypes (x86_64: long = nint, size_t = nuint).
/// DirectPInvoke links them statically into the NativeAOT image, so no dlopen happens at run time.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint ptrace(nint request, int pid, nint addr, nint data);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int raise(int sig);

    [LibraryImport(Lib)]
    public static partial int getpid();

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    // posix_spawn returns the error number instead of setting errno.
    [LibraryImport(Lib)]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setsigmask(void* attr, void* sigmask);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigdefault);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Lib)]
    public static partial int sigemptyset(void* set);

    [LibraryImport(Lib)]
    public static partial int sigaddset(void* set, int signum);

    [LibraryImport(Lib)]
    public static partial int pthread_sigmask(int how, void* set, void* oldset);

    [LibraryImport(Lib)]
    public static partial nint signal(int signum, nint handler);

    // prctl is variadic in C; on x86_64 passing the unused arguments as integers is what the ABI expects.
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint process_vm_readv(int pid, IoVec* localIov, nuint liovcnt, IoVec* remoteIov, nuint riovcnt, nuint flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint readlink(byte* path, byte* buf, nuint bufsiz);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int setgroups(nuint size, uint* list);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int setresgid(uint rgid, uint egid, uint sgid);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int setresuid(uint ruid, uint euid, uint suid);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fanotify_init(uint flags, uint eventFFlags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fanotify_mark(int fanotifyFd, uint flags, ulong mask, int dirfd, byte* pathname);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint read(int fd, byte* buf, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint write(int fd, byte* buf, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int chdir(byte* path);

    [LibraryImport(Lib)]
    public static partial uint getuid();

    [LibraryImport(Lib)]
    public static partial uint getgid();

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);

    // syscall is variadic in C; integers in registers are what the x86_64 ABI expects (open_tree has no glibc wrapper here).
    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint syscall(nint number, nint arg1, nint arg2, nint arg3);

    // openat is variadic in C (the mode); passed as an integer as the ABI expects.
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int openat(int dirfd, byte* pathname, int flags, int mode);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int dup3(int oldfd, int newfd, int flags);

    /// <summary>statx(2) into a raw buffer (its layout is the same on every architecture; 256 bytes).</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int statx(int dirfd, byte* pathname, int flags, uint mask, byte* statxbuf);
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}
