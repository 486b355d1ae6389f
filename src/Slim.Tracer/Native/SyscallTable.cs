namespace Slim.Tracer.Native;

internal static partial class SyscallTable
{
    // Built on first use: static initializers of partial class files run in an unspecified order, and this
    // one needs the generated Names.
    private static Dictionary<string, int>? s_numbers;

    /// <summary>The number of a call by its kernel name; throws for a name the table lacks (a typo in our tables).</summary>
    public static int NumberOf(string name) =>
        (s_numbers ??= BuildNumbers()).TryGetValue(name, out var number) ? number : throw new KeyNotFoundException($"no x86_64 system call named {name}");

    /// <summary>The number of a call by name, or -1 when the headers the table came from predate it.</summary>
    public static int TryNumberOf(string name) =>
        (s_numbers ??= BuildNumbers()).TryGetValue(name, out var number) ? number : -1;

    private static Dictionary<string, int> BuildNumbers()
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i] is { } name)
            {
                numbers[name] = i;
            }
        }

        return numbers;
    }
}
