using System.Text;

namespace Slim.Tracer.Native;

/// <summary>Small reads of /proc that must not throw: the process may be gone by the time we look.</summary>
internal static unsafe class Procfs
{
    /// <summary>readlink(2) without exceptions; null when the link is gone or unreadable.</summary>
    public static string? ReadLink(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        var buffer = stackalloc byte[4096];
        fixed (byte* p = bytes)
        {
            var n = Libc.readlink(p, buffer, 4096);
            return n < 0 ? null : Encoding.UTF8.GetString(buffer, (int)n);
        }
    }

    /// <summary>A whole small /proc file, or null when it cannot be read.</summary>
    public static byte[]? ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A NUL-separated /proc file (cmdline, environ) as its strings.</summary>
    public static IReadOnlyList<string> ReadNulSeparated(string path)
    {
        var bytes = ReadAll(path);
        if (bytes is null || bytes.Length == 0)
        {
            return [];
        }

        var end = bytes[^1] == 0 ? bytes.Length - 1 : bytes.Length;
        return Encoding.UTF8.GetString(bytes, 0, end).Split('\0');
    }

    /// <summary>A number field of /proc/PID/status ("Tgid:", "PPid:"); -1 when absent.</summary>
    public static int StatusField(int tid, string field)
    {
        var bytes = ReadAll($"/proc/{tid}/status");
        if (bytes is null)
        {
            return -1;
        }

        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (line.StartsWith(field, StringComparison.Ordinal) && line.Length > field.Length && line[field.Length] == ':')
            {
                return int.TryParse(line.AsSpan(field.Length + 1).Trim(), out var value) ? value : -1;
            }
        }

        return -1;
    }

    public static string? Comm(int pid) =>
        ReadAll($"/proc/{pid}/comm") is { } bytes ? Encoding.UTF8.GetString(bytes).TrimEnd('\n') : null;
}
