using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Slim.Trace;
using Slim.Tracer.Native;

namespace Slim.Tracer.Tracing;

/// <summary>
/// The interpreters the kernel opens inside an execve of a script: it reads the <c>#!</c> line and opens the
/// interpreter itself (and that one's, when it is a script too), so no path argument of any call names them.
/// Read at the execve's entry, from the file the tracee is about to run (the tracer shares its mount namespace).
/// </summary>
internal static class ScriptInterpreters
{
    /// <summary>
    /// The interpreter chain of the file at <paramref name="resolved"/>, outermost first, each as written and made
    /// absolute (a relative interpreter is opened against the caller's working directory, like the kernel does).
    /// Empty when the file is not a script or cannot be read.
    /// </summary>
    public static List<PendingPath> Of(string resolved, Func<string?> workingDirectory)
    {
        var chain = new List<PendingPath>();
        var current = resolved;
        string? cwd = null;
        for (var depth = 0; depth < ShebangLine.MaxDepth; depth++)
        {
            if (ReadLine(current) is not { } line)
            {
                break;
            }

            var asked = line.Interpreter;
            if (!asked.StartsWith('/'))
            {
                cwd ??= workingDirectory();
            }

            var absolute = PathResolver.Resolve(asked, cwd);
            if (absolute is null || chain.Exists(p => p.Resolved == absolute))
            {
                break; // unknown base, or a loop the kernel would end with ELOOP
            }

            chain.Add(new PendingPath(PathAccessKind.Exec, asked, absolute));
            current = absolute;
        }

        return chain;
    }

    private static ShebangLine? ReadLine(string path)
    {
        // Only a regular file can be exec'd; opening anything else (a FIFO would block the trace thread) is not ours to do.
        if (!IsRegularFile(path))
        {
            return null;
        }

        Span<byte> head = stackalloc byte[ShebangLine.HeadSize];
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var n = RandomAccess.Read(handle, head, 0);
            return ShebangLine.TryParse(head[..n]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or not readable by us: the execve's own result says what happened
        }
    }

    private static unsafe bool IsRegularFile(string path)
    {
        var native = NativeStringArray.Utf8(path);
        try
        {
            var buffer = stackalloc byte[Kernel.StatxSize];
            if (Libc.statx(Kernel.AtFdCwd, native, 0, Kernel.StatxType, buffer) != 0)
            {
                return false;
            }

            return (*(ushort*)(buffer + Kernel.StatxModeOffset) & Kernel.FileTypeMask) == Kernel.RegularFile;
        }
        finally
        {
            NativeMemory.Free(native);
        }
    }
}
