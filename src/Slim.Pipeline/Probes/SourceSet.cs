namespace Slim.Pipeline.Probes;

/// <summary>The image candidates of a srcset attribute, split as the HTML standard's srcset parser does.</summary>
public static class SourceSet
{
    public static IReadOnlyList<string> Urls(string? srcset)
    {
        var urls = new List<string>();
        if (srcset is null)
        {
            return urls;
        }

        var position = 0;
        while (true)
        {
            while (position < srcset.Length && (char.IsWhiteSpace(srcset[position]) || srcset[position] == ','))
            {
                position++;
            }

            if (position >= srcset.Length)
            {
                return urls;
            }

            var start = position;
            while (position < srcset.Length && !char.IsWhiteSpace(srcset[position]))
            {
                position++;
            }

            var url = srcset[start..position];
            if (url.EndsWith(','))
            {
                // "a.png,b.png": the commas end the candidate, no descriptors follow.
                urls.Add(url.TrimEnd(','));
                continue;
            }

            urls.Add(url);
            // Descriptors run to the next comma outside parentheses.
            var depth = 0;
            while (position < srcset.Length && (srcset[position] != ',' || depth > 0))
            {
                depth += srcset[position] switch { '(' => 1, ')' when depth > 0 => -1, _ => 0 };
                position++;
            }
        }
    }
}
