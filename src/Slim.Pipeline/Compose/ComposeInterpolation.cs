using System.Text;

namespace Slim.Pipeline.Compose;

/// <summary>
/// Compose's variables in values: `${VAR}`, `$VAR`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset),
/// `${VAR:?message}` and `${VAR?message}` (required), `$$` for a dollar. An unset variable without a default is empty, as in Compose.
/// </summary>
public static class ComposeInterpolation
{
    /// <summary>The value with its variables replaced; throws <see cref="FormatException"/> with the reason when it cannot be.</summary>
    public static string Apply(string value, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(environment);
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 == value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            var next = value[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '{')
            {
                var end = ClosingBrace(value, i + 2);
                if (end < 0)
                {
                    throw new FormatException($"'{value}': ${{ without its closing }}");
                }

                result.Append(Expand(value[(i + 2)..end], environment));
                i = end;
            }
            else if (char.IsAsciiLetter(next) || next == '_')
            {
                var end = i + 1;
                while (end < value.Length && (char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_'))
                {
                    end++;
                }

                result.Append(environment(value[(i + 1)..end]) ?? "");
                i = end - 1;
            }
            else
            {
                result.Append('$');
            }
        }

        return result.ToString();
    }

    /// <summary>Where the `${` whose content starts at <paramref name="start"/> ends, past nested ones (`${A:-${B}}`); -1 when it does not.</summary>
    private static int ClosingBrace(string value, int start)
    {
        var depth = 1;
        for (var i = start; i < value.Length; i++)
        {
            if (value[i] == '{' && value[i - 1] == '$')
            {
                depth++;
            }
            else if (value[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Expand(string expression, Func<string, string?> environment)
    {
        var nameEnd = 0;
        while (nameEnd < expression.Length && (char.IsAsciiLetterOrDigit(expression[nameEnd]) || expression[nameEnd] == '_'))
        {
            nameEnd++;
        }

        var name = expression[..nameEnd];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw new FormatException($"'${{{expression}}}' is not a variable");
        }

        var value = environment(name);
        var rest = expression[nameEnd..];
        var colon = rest.StartsWith(':');
        var operation = colon ? rest[1..] : rest;
        var missing = value is null || (colon && value.Length == 0);
        if (rest.Length == 0)
        {
            return value ?? "";
        }

        return operation.Length == 0 ? throw new FormatException($"'${{{expression}}}': expected :-, -, :? or ? after the name") : operation[0] switch
        {
            '-' => missing ? Apply(operation[1..], environment) : value!,
            '?' => missing ? throw new FormatException($"{name} is required: {(operation.Length > 1 ? operation[1..] : "not set")}") : value!,
            '+' => missing ? "" : Apply(operation[1..], environment),
            _ => throw new FormatException($"'${{{expression}}}': expected :-, -, :? or ? after the name"),
        };
    }
}
