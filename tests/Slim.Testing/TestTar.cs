using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Slim.Testing;

/// <summary>Small tar archives made by hand, entry by entry, for tests whose right answer is known.</summary>
public sealed class TestTar
{
    private const long Epoch = 1_700_000_000;

    private readonly List<Action<TarWriter, Stream>> _entries = [];

    /// <summary>
    /// A PAX entry at a fixed time. Left alone, PaxTarEntry stamps atime and ctime with the clock, so the same archive
    /// would get a new digest on every run; fixed, a hand-made image has one digest (snapshots and digest tests rely on it).
    /// </summary>
    private static PaxTarEntry Entry(TarEntryType type, string name, IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        var fixedTimes = new Dictionary<string, string>(attributes ?? [])
        {
            ["atime"] = Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ctime"] = Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new PaxTarEntry(type, name, fixedTimes) { ModificationTime = DateTimeOffset.FromUnixTimeSeconds(Epoch) };
    }

    public TestTar File(string name, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        File(name, Encoding.UTF8.GetBytes(content), mode);

    public TestTar File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0b110_100_100)
    {
        _entries.Add((w, _) =>
        {
            var entry = Entry(TarEntryType.RegularFile, name);
            entry.DataStream = new MemoryStream(content);
            entry.Mode = mode;
            w.WriteEntry(entry);
        });
        return this;
    }

    /// <summary>A file whose PAX header carries extended attributes (SCHILY.xattr.NAME records).</summary>
    public TestTar File(string name, byte[] content, IReadOnlyDictionary<string, string> xattrs)
    {
        _entries.Add((w, _) =>
        {
            var attributes = xattrs.ToDictionary(x => "SCHILY.xattr." + x.Key, x => x.Value);
            var entry = Entry(TarEntryType.RegularFile, name, attributes);
            entry.DataStream = new MemoryStream(content);
            entry.Mode = (UnixFileMode)0b111_101_101;
            w.WriteEntry(entry);
        });
        return this;
    }

    public TestTar Directory(string name)
    {
        _entries.Add((w, _) =>
        {
            var entry = Entry(TarEntryType.Directory, name);
            entry.Mode = (UnixFileMode)0b111_101_101;
            w.WriteEntry(entry);
        });
        return this;
    }

    public TestTar Symlink(string name, string target)
    {
        _entries.Add((w, _) =>
        {
            var entry = Entry(TarEntryType.SymbolicLink, name);
            entry.LinkName = target;
            w.WriteEntry(entry);
        });
        return this;
    }

    public TestTar Hardlink(string name, string target)
    {
        _entries.Add((w, _) =>
        {
            var entry = Entry(TarEntryType.HardLink, name);
            entry.LinkName = target;
            w.WriteEntry(entry);
        });
        return this;
    }

    /// <summary>
    /// An entry written as raw ustar bytes, for what TarWriter will not make: names that are not UTF-8, a size the data
    /// does not have (<paramref name="claimedSize"/>), device numbers.
    /// </summary>
    public TestTar Raw(byte[] name, char type, byte[] content, long? claimedSize = null, string link = "", int major = 0, int minor = 0)
    {
        _entries.Add((_, stream) =>
        {
            var header = new byte[512];
            name.CopyTo(header, 0);
            void Octal(int offset, int length, long value)
            {
                var digits = Convert.ToString(value, 8);
                if (digits.Length < length)
                {
                    Encoding.ASCII.GetBytes(digits.PadLeft(length - 1, '0') + "\0").CopyTo(header, offset);
                    return;
                }

                // base-256, as GNU tar writes sizes past 8 GiB
                header[offset] = 0x80;
                for (var i = length - 1; i > 0; i--, value >>= 8)
                {
                    header[offset + i] = (byte)(value & 0xff);
                }
            }

            Octal(100, 8, 0b110_100_100);
            Octal(108, 8, 0);
            Octal(116, 8, 0);
            Octal(124, 12, claimedSize ?? content.Length);
            Octal(136, 12, Epoch);
            header[156] = (byte)type;
            Encoding.UTF8.GetBytes(link).CopyTo(header, 157);
            Encoding.ASCII.GetBytes("ustar\0").CopyTo(header, 257);
            Encoding.ASCII.GetBytes("00").CopyTo(header, 263);
            Octal(329, 8, major);
            Octal(337, 8, minor);
            header.AsSpan(148, 8).Fill((byte)' ');
            var sum = 0;
            foreach (var b in header)
            {
                sum += b;
            }

            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
            stream.Write(header);
            stream.Write(content);
            stream.Write(new byte[(512 - (content.Length % 512)) % 512]);
        });
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
                entry(writer, stream);
            }
        }

        return WithoutProcessId(stream.ToArray());
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
                var entry = Entry(TarEntryType.RegularFile, name);
                entry.DataStream = new MemoryStream(content);
                writer.WriteEntry(entry);
            }
        }

        return WithoutProcessId(stream.ToArray());
    }

    /// <summary>
    /// TarWriter names each PAX extended header "…/PaxHeaders.&lt;pid&gt;/…", so the same entries make other bytes in
    /// another test process. The pid is replaced by 0 (and the header's checksum redone): one archive, one digest.
    /// </summary>
    private static byte[] WithoutProcessId(byte[] tar)
    {
        var marker = Encoding.ASCII.GetBytes("PaxHeaders.");
        for (var offset = 0; offset + 512 <= tar.Length;)
        {
            var header = tar.AsSpan(offset, 512);
            if (!header.ContainsAnyExcept((byte)0))
            {
                break;
            }

            if (header[156] is (byte)'x' or (byte)'g')
            {
                var name = header[..100];
                var at = name.IndexOf(marker);
                if (at >= 0)
                {
                    var digits = at + marker.Length;
                    var end = digits;
                    while (end < name.Length && name[end] is >= (byte)'0' and <= (byte)'9')
                    {
                        end++;
                    }

                    var rest = name[end..].ToArray();
                    name[digits] = (byte)'0';
                    name[(digits + 1)..].Clear();
                    rest.AsSpan(0, Math.Min(rest.Length, name.Length - digits - 1)).CopyTo(name[(digits + 1)..]);
                    header.Slice(148, 8).Fill((byte)' ');
                    var sum = 0;
                    foreach (var b in header)
                    {
                        sum += b;
                    }

                    Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header.Slice(148, 8));
                }
            }

            if ((header[124] & 0x80) != 0)
            {
                break; // a base-256 size (an absurd one, made on purpose): nothing after it is read
            }

            var size = Convert.ToInt64(Encoding.ASCII.GetString(header.Slice(124, 12)).Trim('\0', ' ') is { Length: > 0 } octal ? octal : "0", 8);
            offset += 512 + (int)((size + 511) / 512 * 512);
        }

        return tar;
    }
}
