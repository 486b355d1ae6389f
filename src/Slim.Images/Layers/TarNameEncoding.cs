using System.Text;

namespace Slim.Images.Layers;

/// <summary>
/// Tar names are bytes; .NET's tar reader decodes them as UTF-8 and turns every byte that is not UTF-8 into U+FFFD, so two
/// names that differ only there would collapse into one. This mapping is lossless instead: each such byte B becomes the
/// private-use char U+F700+B (B is 0x80–0xFF), and a real char in that range is escaped byte by byte the same way, so
/// <see cref="ToBytes"/> gives back exactly the bytes <see cref="ToName"/> was given. Valid UTF-8 reads as itself.
/// </summary>
public static class TarNameEncoding
{
    private const int EscapeBase = 0xF700;

    /// <summary>Whether <paramref name="bytes"/> need escaping (are not UTF-8, or hold an escape char).</summary>
    public static bool NeedsEscaping(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) != System.Buffers.OperationStatus.Done || IsEscape(rune.Value))
            {
                return true;
            }

            bytes = bytes[used..];
        }

        return false;
    }

    public static string ToName(ReadOnlySpan<byte> bytes)
    {
        var name = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                name.Append((char)(EscapeBase + bytes[0]));
                bytes = bytes[1..];
                continue;
            }

            if (IsEscape(rune.Value))
            {
                foreach (var b in bytes[..used])
                {
                    name.Append((char)(EscapeBase + b));
                }
            }
            else
            {
                name.Append(rune.ToString());
            }

            bytes = bytes[used..];
        }

        return name.ToString();
    }

    public static byte[] ToBytes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = new List<byte>(name.Length);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsEscape(rune.Value))
            {
                bytes.Add((byte)(rune.Value - EscapeBase));
            }
            else
            {
                var n = rune.EncodeToUtf8(buffer);
                for (var i = 0; i < n; i++)
                {
                    bytes.Add(buffer[i]);
                }
            }
        }

        return [.. bytes];
    }

    private static bool IsEscape(int value) => value is >= EscapeBase + 0x80 and <= EscapeBase + 0xFF;
}
