using System.Globalization;
using System.Text;

namespace Slim.Rebuild.Hardening;

/// <summary>YAML scalars as double-quoted strings (JSON's escapes are YAML's too), so no value is read as another type.</summary>
internal static class YamlText
{
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A flow sequence of quoted strings: <c>["A", "B"]</c>.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    /// <summary>A name Kubernetes accepts (RFC 1123 label: lowercase letters, digits and '-', at most 63).</summary>
    public static string KubernetesName(string text)
    {
        var name = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var trimmed = name.ToString().Trim('-');
        while (trimmed.Contains("--", StringComparison.Ordinal))
        {
            trimmed = trimmed.Replace("--", "-", StringComparison.Ordinal);
        }

        trimmed = trimmed.Length > 63 ? trimmed[..63].TrimEnd('-') : trimmed;
        return trimmed.Length == 0 ? "slim" : trimmed;
    }
}
