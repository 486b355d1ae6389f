using System.Text;
using System.Text.Json;

namespace Slim.Cli.Commands;

/// <summary>
/// Turns a command given on the command line into argv: a JSON array is taken as is; anything else
/// is split as a POSIX shell splits words (single and double quotes, backslash escapes), without expansion.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new CommandLineException($"'{text}' looks like a JSON array but is not one: {e.Message}", e);
            }
        }

        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            switch (c)
            {
                case '\'':
                    var close = trimmed.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new CommandLineException($"unterminated single quote in '{text}'");
                    }

                    current.Append(trimmed, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    for (; i < trimmed.Length && trimmed[i] != '"'; i++)
                    {
                        if (trimmed[i] == '\\' && i + 1 < trimmed.Length && trimmed[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        current.Append(trimmed[i]);
                    }

                    if (i >= trimmed.Length)
                    {
                        throw new CommandLineException($"unterminated double quote in '{text}'");
                    }

                    inWord = true;
                    break;
                case '\\' when i + 1 < trimmed.Length:
                    current.Append(trimmed[++i]);
                    inWord = true;
                    break;
                case ' ' or '\t' or '\n':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }

                    break;
                default:
                    current.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
