using Microsoft.Win32.SafeHandles;

namespace Slim.Tracer.Native;

/// <summary>
/// Writes diagnostics to fd 2 through a file handle: Console would set up terminal handling that, once a
/// terminal is attached, makes the runtime reap children and steal ptrace stops.
/// </summary>
internal static class ErrorOutput
{
    private static readonly Lock Gate = new();
    private static readonly StreamWriter Writer = new(
        new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1, isAsync: false))
    { AutoFlush = true };

    public static void Line(string message)
    {
        lock (Gate)
        {
            try
            {
                Writer.WriteLine("slim-tracer: " + message);
            }
            catch (IOException)
            {
                // stderr closed: nothing else to tell.
            }
        }
    }
}
