using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Slim.Analysis.Xray;

/// <summary>
/// Byte counts as people write them. Parsing follows the usual convention (and dive's): <c>kB</c>, <c>MB</c>, <c>GB</c>
/// are powers of 1000, <c>KiB</c>, <c>MiB</c>, <c>GiB</c> powers of 1024, a bare number is bytes. Formatting uses binary units.
/// </summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("TIB", 1L << 40), ("GIB", 1L << 30), ("MIB", 1L << 20), ("KIB", 1L << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000),
        ("T", 1_000_000_000_000), ("G", 1_000_000_000), ("M", 1_000_000), ("K", 1_000),
        ("B", 1),
    ];

    public static bool TryParse([NotNullWhen(true)] string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim().Replace("_", "", StringComparison.Ordinal);
        long factor = 1;
        foreach (var (suffix, unitFactor) in Units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[..^suffix.Length].TrimEnd();
                factor = unitFactor;
                break;
            }
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || double.IsNaN(number) || double.IsInfinity(number))
        {
            return false;
        }

        var total = number * factor;
        if (total > long.MaxValue)
        {
            return false;
        }

        bytes = (long)Math.Round(total);
        return true;
    }

    public static long Parse(string text) =>
        TryParse(text, out var bytes) ? bytes : throw new FormatException($"'{text}' is not a size (examples: 40MB, 20MiB, 1.5GB, 123456)");

    /// <summary>A short human form: <c>512 B</c>, <c>20.0 MiB</c>, <c>1.25 GiB</c>.</summary>
    public static string Format(long bytes)
    {
        var sign = bytes < 0 ? "-" : "";
        var value = Math.Abs((double)bytes);
        if (value < 1024)
        {
            return $"{sign}{value.ToString("0", CultureInfo.InvariantCulture)} B";
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var unit = -1;
        do
        {
            value /= 1024;
            unit++;
        }
        while (value >= 1024 && unit < units.Length - 1);

        var format = value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00";
        return $"{sign}{value.ToString(format, CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
