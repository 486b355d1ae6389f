using System.Runtime.InteropServices;
using System.Text;

namespace Slim.Tracer.Native;

/// <summary>A NULL-terminated char*[] (argv, envp) in unmanaged memory, freed on dispose.</summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly byte*[] _strings;

    public NativeStringArray(IReadOnlyList<string> values)
    {
        _strings = new byte*[values.Count];
        Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < values.Count; i++)
        {
            _strings[i] = Utf8(values[i]);
            Pointer[i] = _strings[i];
        }
    }

    public byte** Pointer { get; }

    public static byte* Utf8(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var p = (byte*)NativeMemory.Alloc((nuint)count + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(p, count));
        p[count] = 0;
        return p;
    }

    public void Dispose()
    {
        foreach (var s in _strings)
        {
            NativeMemory.Free(s);
        }

        NativeMemory.Free(Pointer);
    }
}
