using System.Text;

namespace Slim.Testing;

/// <summary>A line diff of two small texts (snapshots), in the unified style: " " same, "-" expected only, "+" actual only.</summary>
public static class TextDiff
{
    public static string Unified(string expected, string actual, int context = 2, int maxLines = 80)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');

        // Longest common subsequence table, from the ends; snapshots are a few hundred lines, so n*m is cheap.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', x + 1, a[x]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', y + 1, b[y]));
                y++;
            }
            else
            {
                lines.Add(('-', x + 1, a[x]));
                x++;
            }
        }

        var changed = lines.Select((l, i) => (l, i)).Where(t => t.l.Kind != ' ').Select(t => t.i).ToList();
        var shown = new SortedSet<int>(changed.SelectMany(i => Enumerable.Range(i - context, (2 * context) + 1)).Where(i => i >= 0 && i < lines.Count));
        var output = new StringBuilder();
        var previous = -1;
        var count = 0;
        foreach (var i in shown)
        {
            if (count++ == maxLines)
            {
                output.Append("… (").Append(changed.Count).Append(" changed lines in all)\n");
                break;
            }

            if (previous >= 0 && i != previous + 1)
            {
                output.Append("@@\n");
            }

            var (kind, line, text) = lines[i];
            output.Append(kind).Append(' ').Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4)).Append(" | ").Append(text).Append('\n');
            previous = i;
        }

        return output.ToString();
    }
}
