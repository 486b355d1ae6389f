using System.Buffers.Binary;
using System.Text;

namespace Slim.Rebuild.Elf;

/// <summary>
/// The dynamic loader's cache, /etc/ld.so.cache, in glibc's "glibc-ld.so.cache1.1" format:
/// a header with the entry count, then 24-byte entries {flags, key, value, osversion, hwcap}
/// whose key (soname) and value (path) are offsets from the start of the new-format header.
/// Only entries for this architecture's ELF libraries (x86-64 libc6) are kept.
/// </summary>
public sealed class LdSoCache
{
    private const string OldMagic = "ld.so-1.7.0";
    private const string NewMagic = "glibc-ld.so.cache1.1";
    private const int NewHeaderSize = 48;
    private const int NewEntrySize = 24;
    private const int OldHeaderSize = 16; // magic[11] + pad + nlibs
    private const int OldEntrySize = 12;
    private const int FlagTypeMask = 0x00ff;
    private const int FlagElfLibc6 = 0x0003;
    private const int FlagRequiredMask = 0xff00;
    private const int FlagX8664Lib64 = 0x0300;

    private readonly Dictionary<string, string> _bySoname;

    private LdSoCache(Dictionary<string, string> bySoname) => _bySoname = bySoname;

    public static LdSoCache Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public int Count => _bySoname.Count;

    /// <summary>The path the cache gives for a soname, if any.</summary>
    public string? Lookup(string soname) => _bySoname.GetValueOrDefault(soname);

    /// <summary>Parses the cache; an unreadable or foreign cache gives <see cref="Empty"/>, as the loader would ignore it.</summary>
    public static LdSoCache Parse(ReadOnlySpan<byte> data)
    {
        var start = 0;
        if (StartsWith(data, OldMagic))
        {
            // The old format may precede the new one; skip past its entries.
            if (data.Length < OldHeaderSize)
            {
                return Empty;
            }

            var oldCount = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
            var skip = OldHeaderSize + ((long)oldCount * OldEntrySize);
            start = (int)((skip + 7) & ~7L); // the new header is 8-byte aligned
            if (start >= data.Length)
            {
                return Empty;
            }
        }

        var cache = data[start..];
        if (!StartsWith(cache, NewMagic) || cache.Length < NewHeaderSize)
        {
            return Empty;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(cache[20..]);
        if ((long)count * NewEntrySize + NewHeaderSize > cache.Length)
        {
            return Empty;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = cache.Slice(NewHeaderSize + (i * NewEntrySize), NewEntrySize);
            var flags = BinaryPrimitives.ReadInt32LittleEndian(entry);
            if ((flags & FlagTypeMask) != FlagElfLibc6 || (flags & FlagRequiredMask) != FlagX8664Lib64)
            {
                continue;
            }

            var key = ReadString(cache, BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
            var value = ReadString(cache, BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]));
            // The cache lists the preferred entry first (hwcap subdirectories before the plain one).
            if (key is not null && value is not null)
            {
                map.TryAdd(key, value);
            }
        }

        return new LdSoCache(map);
    }

    private static bool StartsWith(ReadOnlySpan<byte> data, string magic) =>
        data.Length >= magic.Length && data[..magic.Length].SequenceEqual(Encoding.ASCII.GetBytes(magic));

    private static string? ReadString(ReadOnlySpan<byte> cache, uint offset)
    {
        if (offset >= cache.Length)
        {
            return null;
        }

        var rest = cache[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return end <= 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }
}
