using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Slim.Testing;

/// <summary>Small tar archives made by hand, entry by entry, for tests whose right answer is known.</summary>
public sealed class TestTar
{
    private readonly List<Action<TarWriter>> _entries = [];

    public TestTar File(string name, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        File(name, Encoding.UTF8.GetBytes(content), mode);

    public TestTar File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0b110_100_100)
    {
        _entries.Add(w =>
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode, ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };
            w.WriteEntry(entry);
        });
        return this;
    }

    /// <summary>A file whose PAX header carries extended attributes (SCHILY.xattr.NAME records).</summary>
    public TestTar File(string name, byte[] content, IReadOnlyDictionary<string, string> xattrs)
    {
        _entries.Add(w =>
        {
            var attributes = xattrs.ToDictionary(x => "SCHILY.xattr." + x.Key, x => x.Value);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name, attributes) { DataStream = new MemoryStream(content), Mode = (UnixFileMode)0b111_101_101, ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };
            w.WriteEntry(entry);
        });
        return this;
    }

    public TestTar Directory(string name)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101, ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) }));
        return this;
    }

    public TestTar Symlink(string name, string target)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) }));
        return this;
    }

    public TestTar Hardlink(string name, string target)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) }));
        return this;
    }

    public TestTar Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..], "");
    }

    public TestTar Opaque(string directory) => File(directory.TrimEnd('/') + "/.wh..wh..opq", "");

    public byte[] ToBytes()
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry(writer);
            }
        }

        return stream.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>A tar whose entries are raw (name, bytes) pairs written with ustar headers, for archive-level tests.</summary>
    public static byte[] Archive(params (string Name, byte[] Content)[] files)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return stream.ToArray();
    }
}
