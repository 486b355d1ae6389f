using System.Buffers.Binary;
using System.Text;

namespace Slim.Rebuild.Elf;

/// <summary>
/// Reads the loader-relevant parts of a 64-bit little-endian ELF file (x86_64, aarch64) without
/// running anything: the ELF header, the program headers, PT_INTERP and PT_DYNAMIC, and the
/// dynamic string table found through the PT_LOAD segment that maps DT_STRTAB; and, through the section headers,
/// which of a few watched symbols the file imports (.dynsym entries that are undefined).
/// Anything malformed gives null rather than an exception: a file that merely looks like ELF
/// must not stop an image build.
/// </summary>
public static class ElfReader
{
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const uint PtInterp = 3;
    private const long DtNull = 0;
    private const long DtNeeded = 1;
    private const long DtStrTab = 5;
    private const long DtStrSz = 10;
    private const long DtRPath = 15;
    private const long DtRunPath = 29;
    private const uint ShtDynSym = 11;
    private const int SectionHeaderSize = 64;
    private const int SymbolSize = 24;
    private const int MaxSectionHeaders = 4096;
    private const int MaxSymbolTableBytes = 64 << 20;

    /// <summary>glibc's iconv entry point.</summary>
    public const string IconvOpen = "iconv_open";

    /// <summary>
    /// The imports selection asks about. iconv_open: the object converts between character sets named at run time,
    /// each one a gconv module that glibc loads only when first asked for.
    /// </summary>
    public static IReadOnlySet<string> WatchedImports { get; } = new HashSet<string>(StringComparer.Ordinal) { IconvOpen };

    // Limits that keep a hostile file from making us allocate without bound.
    private const int MaxProgramHeaders = 512;
    private const int MaxDynamicBytes = 1 << 20;
    private const int MaxStringTableBytes = 16 << 20;

    /// <summary>True when the first bytes are the ELF magic.</summary>
    public static bool HasElfMagic(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0x7f && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F';

    /// <summary>Reads an ELF file from a seekable stream; null when it is not a 64-bit little-endian ELF or is malformed.</summary>
    public static ElfInfo? TryRead(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the ELF reader needs a seekable stream", nameof(stream));
        }

        try
        {
            return Read(stream);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static ElfInfo? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (!ReadAt(stream, 0, header) || !HasElfMagic(header))
        {
            return null;
        }

        // EI_CLASS 2 = 64-bit, EI_DATA 1 = little-endian.
        if (header[4] != 2 || header[5] != 1)
        {
            return null;
        }

        var kind = (ElfKind)BinaryPrimitives.ReadUInt16LittleEndian(header[16..]);
        var phoff = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[54..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(header[56..]);
        if (phoff <= 0 || phentsize < ProgramHeaderSize || phnum > MaxProgramHeaders)
        {
            return new ElfInfo(Normalize(kind), null, [], [], []);
        }

        var segments = new List<Segment>(phnum);
        var buffer = new byte[phentsize * phnum];
        if (!ReadAt(stream, phoff, buffer))
        {
            return null;
        }

        for (var i = 0; i < phnum; i++)
        {
            var ph = buffer.AsSpan(i * phentsize, ProgramHeaderSize);
            segments.Add(new Segment(
                Type: BinaryPrimitives.ReadUInt32LittleEndian(ph),
                Offset: BinaryPrimitives.ReadInt64LittleEndian(ph[8..]),
                VirtualAddress: BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]),
                FileSize: BinaryPrimitives.ReadInt64LittleEndian(ph[32..])));
        }

        string? interpreter = null;
        var interp = segments.FirstOrDefault(s => s.Type == PtInterp);
        if (interp is not null && interp.FileSize is > 0 and < 4096)
        {
            var bytes = new byte[interp.FileSize];
            if (ReadAt(stream, interp.Offset, bytes))
            {
                interpreter = CString(bytes, 0);
            }
        }

        var dynamic = segments.FirstOrDefault(s => s.Type == PtDynamic);
        if (dynamic is null || dynamic.FileSize is <= 0 or > MaxDynamicBytes)
        {
            return new ElfInfo(Normalize(kind), interpreter, [], [], []);
        }

        var dyn = new byte[dynamic.FileSize];
        if (!ReadAt(stream, dynamic.Offset, dyn))
        {
            return null;
        }

        var entries = new List<(long Tag, ulong Value)>();
        for (var at = 0; at + 16 <= dyn.Length; at += 16)
        {
            var tag = BinaryPrimitives.ReadInt64LittleEndian(dyn.AsSpan(at));
            if (tag == DtNull)
            {
                break;
            }

            entries.Add((tag, BinaryPrimitives.ReadUInt64LittleEndian(dyn.AsSpan(at + 8))));
        }

        var strTabAddress = entries.FirstOrDefault(e => e.Tag == DtStrTab).Value;
        var strSize = (long)entries.FirstOrDefault(e => e.Tag == DtStrSz).Value;
        var strOffset = FileOffsetOf(segments, strTabAddress);
        if (strOffset is null || strSize is <= 0 or > MaxStringTableBytes)
        {
            return new ElfInfo(Normalize(kind), interpreter, [], [], []);
        }

        var strings = new byte[strSize];
        if (!ReadAt(stream, strOffset.Value, strings))
        {
            return null;
        }

        List<string> Collect(long tag) => entries
            .Where(e => e.Tag == tag && e.Value < (ulong)strings.Length)
            .Select(e => CString(strings, (int)e.Value))
            .Where(s => s.Length > 0)
            .ToList();

        static List<string> SplitPath(List<string> values) =>
            values.SelectMany(v => v.Split(':', StringSplitOptions.RemoveEmptyEntries)).ToList();

        return new ElfInfo(
            Normalize(kind),
            interpreter,
            Collect(DtNeeded),
            SplitPath(Collect(DtRPath)),
            SplitPath(Collect(DtRunPath)))
        {
            Imports = WatchedImportsOf(stream, header),
        };
    }

    /// <summary>
    /// The watched symbols among the undefined entries of the SHT_DYNSYM section, named through the string table its
    /// sh_link points at. A file without section headers (rare: strip keeps them) imports nothing we can tell.
    /// </summary>
    private static List<string> WatchedImportsOf(Stream stream, ReadOnlySpan<byte> header)
    {
        var shoff = BinaryPrimitives.ReadInt64LittleEndian(header[40..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[58..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(header[60..]);
        if (shoff <= 0 || shentsize < SectionHeaderSize || shnum is 0 or > MaxSectionHeaders)
        {
            return [];
        }

        var sections = new byte[shentsize * shnum];
        if (!ReadAt(stream, shoff, sections))
        {
            return [];
        }

        (long Offset, long Size, uint Link) Section(int i)
        {
            var sh = sections.AsSpan(i * shentsize, SectionHeaderSize);
            return (BinaryPrimitives.ReadInt64LittleEndian(sh[24..]), BinaryPrimitives.ReadInt64LittleEndian(sh[32..]), BinaryPrimitives.ReadUInt32LittleEndian(sh[40..]));
        }

        var found = new List<string>();
        for (var i = 0; i < shnum; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(sections.AsSpan((i * shentsize) + 4)) != ShtDynSym)
            {
                continue;
            }

            var (offset, size, link) = Section(i);
            if (link >= shnum || size is <= 0 or > MaxSymbolTableBytes)
            {
                return [];
            }

            var (namesOffset, namesSize, _) = Section((int)link);
            if (namesSize is <= 0 or > MaxStringTableBytes)
            {
                return [];
            }

            var symbols = new byte[size - (size % SymbolSize)];
            var names = new byte[namesSize];
            if (!ReadAt(stream, offset, symbols) || !ReadAt(stream, namesOffset, names))
            {
                return [];
            }

            for (var at = 0; at + SymbolSize <= symbols.Length; at += SymbolSize)
            {
                var name = BinaryPrimitives.ReadUInt32LittleEndian(symbols.AsSpan(at));
                var sectionIndex = BinaryPrimitives.ReadUInt16LittleEndian(symbols.AsSpan(at + 6));
                if (sectionIndex == 0 && name != 0 && name < names.Length && CString(names, (int)name) is var symbol && WatchedImports.Contains(symbol))
                {
                    found.Add(symbol);
                }
            }

            break;
        }

        return found;
    }

    private static ElfKind Normalize(ElfKind kind) => Enum.IsDefined(kind) ? kind : ElfKind.Other;

    /// <summary>Maps a virtual address to a file offset through the PT_LOAD segment that contains it.</summary>
    private static long? FileOffsetOf(List<Segment> segments, ulong address)
    {
        foreach (var load in segments.Where(s => s.Type == PtLoad))
        {
            if (address >= load.VirtualAddress && address < load.VirtualAddress + (ulong)load.FileSize)
            {
                return load.Offset + (long)(address - load.VirtualAddress);
            }
        }

        return null;
    }

    private static bool ReadAt(Stream stream, long offset, Span<byte> destination)
    {
        if (offset < 0 || offset + destination.Length > stream.Length)
        {
            return false;
        }

        stream.Position = offset;
        stream.ReadExactly(destination);
        return true;
    }

    private static string CString(byte[] bytes, int start)
    {
        var end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.UTF8.GetString(bytes, start, (end < 0 ? bytes.Length : end) - start);
    }

    private sealed record Segment(uint Type, long Offset, ulong VirtualAddress, long FileSize);
}
