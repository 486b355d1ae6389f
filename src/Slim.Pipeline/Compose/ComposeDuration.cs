using System.Globalization;

namespace Slim.Pipeline.Compose;

/// <summary>Compose's durations: Go's form, numbers with units run together (`1m30s`, `500ms`, `1.5h`).</summary>
public static class ComposeDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>The duration, or null when <paramref name="text"/> is not one.</summary>
    public static TimeSpan? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        double ticks = 0;
        var at = 0;
        while (at < text.Length)
        {
            var start = at;
            while (at < text.Length && (char.IsAsciiDigit(text[at]) || text[at] == '.'))
            {
                at++;
            }

            if (at == start || !double.TryParse(text.AsSpan(start, at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            // The longest unit that matches ("ms" before "m").
            var unit = Units.Where(u => string.CompareOrdinal(text, at, u.Unit, 0, u.Unit.Length) == 0).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null)
            {
                return null;
            }

            ticks += number * unit.Ticks;
            at += unit.Unit.Length;
        }

        return text.Length == 0 || ticks > TimeSpan.MaxValue.Ticks ? null : TimeSpan.FromTicks((long)ticks);
    }
}
