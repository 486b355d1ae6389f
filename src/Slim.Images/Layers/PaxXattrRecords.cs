using System.Text;

namespace Slim.Images.Layers;

/// <summary>
/// Rewrites the <c>SCHILY.xattr.*</c> values of a PAX extended header's records ("LEN KEY=VALUE\n"), so xattr values can
/// be carried as byte strings: System.Formats.Tar decodes values as UTF-8 and would turn binary bytes (a capability mask)
/// into U+FFFD. On read, raw bytes become the UTF-8 of their Latin-1 reading (each byte one char); on write, the reverse.
/// </summary>
internal static class PaxXattrRecords
{
    private static readonly byte[] XattrPrefix = Encoding.ASCII.GetBytes("SCHILY.xattr.");
    private static readonly byte[] PathKey = Encoding.ASCII.GetBytes("path");
    private static readonly byte[] LinkPathKey = Encoding.ASCII.GetBytes("linkpath");

    /// <summary>
    /// Raw value bytes to the UTF-8 of their Latin-1 chars (what the reader should see); names (path, linkpath) that are
    /// not UTF-8 to their lossless <see cref="TarNameEncoding"/>.
    /// </summary>
    public static byte[] ToReadable(ReadOnlySpan<byte> data) => Transform(
        data,
        v => Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(v)),
        v => TarNameEncoding.NeedsEscaping(v) ? Encoding.UTF8.GetBytes(TarNameEncoding.ToName(v)) : v);

    /// <summary>UTF-8 of Latin-1 chars back to raw value bytes (what goes into the archive), and names back to their own bytes.</summary>
    public static byte[] ToRaw(ReadOnlySpan<byte> data) => Transform(
        data,
        v => Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(v)),
        v => TarNameEncoding.ToBytes(Encoding.UTF8.GetString(v)));

    /// <summary>A PAX extended header that gives a ustar entry its name (and link) as <see cref="ToReadable"/> would.</summary>
    public static byte[] NameRecords(ReadOnlySpan<byte> path, ReadOnlySpan<byte> linkPath)
    {
        var records = new MemoryStream();
        Record(records, PathKey, Encoding.UTF8.GetBytes(TarNameEncoding.ToName(path)));
        if (!linkPath.IsEmpty)
        {
            Record(records, LinkPathKey, Encoding.UTF8.GetBytes(TarNameEncoding.ToName(linkPath)));
        }

        return records.ToArray();
    }

    private static byte[] Transform(ReadOnlySpan<byte> data, Func<byte[], byte[]> value, Func<byte[], byte[]> name)
    {
        var output = new MemoryStream(data.Length + 64);
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(Encoding.ASCII.GetString(data[..space]), out var length) || length <= space || length > data.Length)
            {
                output.Write(data); // not records we understand: leave them to the tar reader to judge
                break;
            }

            var record = data[..length];
            data = data[length..];
            var body = record[(space + 1)..^1]; // KEY=VALUE without the newline
            var equals = body.IndexOf((byte)'=');
            var isName = equals >= 0 && (body[..equals].SequenceEqual(PathKey) || body[..equals].SequenceEqual(LinkPathKey));
            if (equals < 0 || (!isName && !body.StartsWith(XattrPrefix)))
            {
                output.Write(record);
                continue;
            }

            var key = body[..equals].ToArray();
            var newValue = (isName ? name : value)(body[(equals + 1)..].ToArray());
            Record(output, key, newValue);
        }

        return output.ToArray();
    }

    /// <summary>Writes one "LEN KEY=VALUE\n" record, LEN counting itself.</summary>
    private static void Record(MemoryStream output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> newValue)
    {
        var rest = key.Length + 1 + newValue.Length + 1; // KEY=VALUE\n
        var total = rest + 1; // the space
        for (var digits = 1; ; digits++)
        {
            var candidate = rest + 1 + digits;
            if (candidate.ToString(System.Globalization.CultureInfo.InvariantCulture).Length == digits)
            {
                total = candidate;
                break;
            }
        }

        output.Write(Encoding.ASCII.GetBytes(total.ToString(System.Globalization.CultureInfo.InvariantCulture) + " "));
        output.Write(key);
        output.WriteByte((byte)'=');
        output.Write(newValue);
        output.WriteByte((byte)'\n');
    }
}
