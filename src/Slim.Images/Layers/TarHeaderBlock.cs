using System.Text;

namespace Slim.Images.Layers;

/// <summary>The few fields of a 512-byte ustar header block that the PAX filters read or rewrite.</summary>
internal static class TarHeaderBlock
{
    public const int Size = 512;

    public static bool IsZero(ReadOnlySpan<byte> header) => !header.ContainsAnyExcept((byte)0);

    public static char Type(ReadOnlySpan<byte> header) => (char)header[156];

    /// <summary>The size field: octal, or base-256 when its top bit is set.</summary>
    public static long DataSize(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(124, 12);
        if ((field[0] & 0x80) != 0)
        {
            long binary = 0;
            for (var i = 1; i < field.Length; i++)
            {
                binary = (binary << 8) | field[i];
            }

            return binary;
        }

        long value = 0;
        foreach (var b in field)
        {
            if (b is >= (byte)'0' and <= (byte)'7')
            {
                value = (value * 8) + (b - '0');
            }
            else if (b is 0 || (b is (byte)' ' && value > 0))
            {
                break;
            }
        }

        return value;
    }

    /// <summary>
    /// The entry's name (ustar prefix and name) and link name as bytes, when either is not plain UTF-8 (see
    /// <see cref="TarNameEncoding"/>); false when both are.
    /// </summary>
    public static bool RawName(ReadOnlySpan<byte> header, out byte[] name, out byte[] link)
    {
        static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> field) => field.IndexOf((byte)0) is var end and >= 0 ? field[..end] : field;
        var own = Field(header[..100]);
        var prefix = header[257..263].SequenceEqual("ustar\000"u8) ? Field(header.Slice(345, 155)) : [];
        var linkName = Field(header.Slice(157, 100));
        name = prefix.IsEmpty ? own.ToArray() : [.. prefix, (byte)'/', .. own];
        link = linkName.ToArray();
        return TarNameEncoding.NeedsEscaping(name) || TarNameEncoding.NeedsEscaping(link);
    }

    /// <summary>Data plus padding to the next block.</summary>
    public static long Padded(long size) => (size + Size - 1) / Size * Size;

    public static void SetDataSize(Span<byte> header, long size)
    {
        var text = Convert.ToString(size, 8).PadLeft(11, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(header[124..]);
        header[135] = 0;
    }

    public static void UpdateChecksum(Span<byte> header)
    {
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header[..Size])
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0')).CopyTo(header[148..]);
        header[154] = 0;
        header[155] = (byte)' ';
    }
}
