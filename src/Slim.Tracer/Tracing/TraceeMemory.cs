using System.Text;
using Slim.Tracer.Native;

namespace Slim.Tracer.Tracing;

/// <summary>Reads a stopped tracee's memory with process_vm_readv (one call per page, not one per word).</summary>
internal static unsafe class TraceeMemory
{
    private const int PageSize = 4096;
    public const int MaxPath = 4096;

    /// <summary>A NUL-terminated string at <paramref name="address"/>; null when unreadable.</summary>
    public static string? ReadCString(int tid, ulong address, int max = MaxPath)
    {
        if (address == 0)
        {
            return null;
        }

        var buffer = stackalloc byte[MaxPath];
        max = Math.Min(max, MaxPath);
        var total = 0;
        while (total < max)
        {
            // Never cross a page in one read: the next page may be unmapped although the string ends before it.
            var cursor = address + (ulong)total;
            var chunk = (int)Math.Min((ulong)(max - total), PageSize - (cursor % PageSize));
            var n = Read(tid, cursor, buffer + total, chunk);
            if (n <= 0)
            {
                return null;
            }

            var span = new ReadOnlySpan<byte>(buffer + total, n);
            var nul = span.IndexOf((byte)0);
            if (nul >= 0)
            {
                return Encoding.UTF8.GetString(buffer, total + nul);
            }

            total += n;
        }

        return Encoding.UTF8.GetString(buffer, total);
    }

    /// <summary>Reads up to <paramref name="count"/> bytes; the count actually read, or -1.</summary>
    public static int Read(int tid, ulong address, byte* destination, int count)
    {
        var local = new IoVec { Base = destination, Length = (nuint)count };
        var remote = new IoVec { Base = (void*)address, Length = (nuint)count };
        return (int)Libc.process_vm_readv(tid, &local, 1, &remote, 1, 0);
    }

    public static bool TryReadUInt64(int tid, ulong address, out ulong value)
    {
        ulong v = 0;
        var ok = Read(tid, address, (byte*)&v, sizeof(ulong)) == sizeof(ulong);
        value = v;
        return ok;
    }
}
