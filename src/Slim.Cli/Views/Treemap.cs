namespace Slim.Cli.Views;

/// <summary>
/// Squarified treemap layout (Bruls, Huizing, van Wijk, 2000): areas proportional to the values, rows chosen so that
/// rectangles stay close to square.
/// </summary>
internal static class Treemap
{
    public readonly record struct Rect(double X, double Y, double Width, double Height)
    {
        public double Area => Width * Height;
    }

    /// <summary>Lays out <paramref name="values"/> (any order; zeros get no room) in <paramref name="bounds"/>; results follow the input order.</summary>
    public static Rect[] Layout(IReadOnlyList<long> values, Rect bounds)
    {
        var result = new Rect[values.Count];
        var order = Enumerable.Range(0, values.Count).Where(i => values[i] > 0).OrderByDescending(i => values[i]).ToList();
        var total = order.Sum(i => (double)values[i]);
        if (total <= 0 || bounds.Area <= 0)
        {
            return result;
        }

        var scale = bounds.Area / total;
        var free = bounds;
        var row = new List<int>();
        var next = 0;
        while (next < order.Count)
        {
            var side = Math.Min(free.Width, free.Height);
            var candidate = order[next];
            if (row.Count == 0 || Worst(row.Append(candidate), values, scale, side) <= Worst(row, values, scale, side))
            {
                row.Add(candidate);
                next++;
                continue;
            }

            free = Place(row, values, scale, free, result);
            row.Clear();
        }

        if (row.Count > 0)
        {
            Place(row, values, scale, free, result);
        }

        return result;
    }

    private static double Worst(IEnumerable<int> row, IReadOnlyList<long> values, double scale, double side)
    {
        var areas = row.Select(i => values[i] * scale).ToList();
        var sum = areas.Sum();
        var max = areas.Max();
        var min = areas.Min();
        var side2 = side * side;
        var sum2 = sum * sum;
        return Math.Max(side2 * max / sum2, sum2 / (side2 * min));
    }

    /// <summary>Lays a row along the shorter side of <paramref name="free"/> and returns the space left.</summary>
    private static Rect Place(List<int> row, IReadOnlyList<long> values, double scale, Rect free, Rect[] result)
    {
        var area = row.Sum(i => values[i] * scale);
        if (free.Width >= free.Height)
        {
            // a column on the left
            var width = area / free.Height;
            var y = free.Y;
            foreach (var i in row)
            {
                var height = values[i] * scale / width;
                result[i] = new Rect(free.X, y, width, height);
                y += height;
            }

            return new Rect(free.X + width, free.Y, Math.Max(0, free.Width - width), free.Height);
        }
        else
        {
            // a row on top
            var height = area / free.Width;
            var x = free.X;
            foreach (var i in row)
            {
                var width = values[i] * scale / height;
                result[i] = new Rect(x, free.Y, width, height);
                x += width;
            }

            return new Rect(free.X, free.Y + height, free.Width, Math.Max(0, free.Height - height));
        }
    }
}
