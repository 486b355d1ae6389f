using System.Globalization;
using System.Text.Json;
using Slim.Analysis.Xray;

namespace Slim.Analysis.Gate;

/// <summary>
/// Turns rule names and values (from options or a rules file) into <see cref="GateRule"/>s. slim's names
/// (<c>max-size</c>, <c>maxSize</c>, <c>max_size</c> alike) and dive's <c>.dive-ci</c> names are accepted:
/// <c>lowestEfficiency</c> (a fraction), <c>highestWastedBytes</c> (a size) and <c>highestUserWastedPercent</c>
/// (a fraction, as dive has it: 0.1 is 10 %), each also <c>disabled</c>. A file written with dive's names gets dive's
/// defaults for the dive rules it leaves out (lowestEfficiency 0.9, highestUserWastedPercent 0.1).
/// </summary>
public static class GateRules
{
    public const string Disabled = "disabled";

    private static readonly string[] DiveNames = ["lowestefficiency", "highestwastedbytes", "highestuserwastedpercent"];

    /// <summary>The rule for a name and value, or null when the value is <c>disabled</c>.</summary>
    public static GateRule? Parse(string name, string value, string origin)
    {
        var key = Normalize(name);
        var text = value.Trim();
        if (text.Equals(Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return key switch
        {
            "maxsize" => new GateRule(GateRuleKind.MaxSize, Size(name, text, origin), "max-size", origin),
            "maxgrowth" => text.EndsWith('%')
                ? new GateRule(GateRuleKind.MaxGrowthPercent, Number(name, text[..^1], origin, 0, double.MaxValue), "max-growth", origin)
                : new GateRule(GateRuleKind.MaxGrowthBytes, Size(name, text, origin), "max-growth", origin),
            "minefficiency" => new GateRule(GateRuleKind.MinEfficiency, Fraction(name, text, origin), "min-efficiency", origin),
            "maxwastedbytes" => new GateRule(GateRuleKind.MaxWastedBytes, Size(name, text, origin), "max-wasted-bytes", origin),
            "maxwastedpercent" => new GateRule(GateRuleKind.MaxWastedPercent, Number(name, text.TrimEnd('%'), origin, 0, double.MaxValue), "max-wasted-percent", origin),
            "minslimratio" => new GateRule(GateRuleKind.MinSlimRatio, Number(name, text.TrimEnd('x', 'X'), origin, 0, double.MaxValue), "min-slim-ratio", origin),
            "lowestefficiency" => new GateRule(GateRuleKind.MinEfficiency, Number(name, text, origin, 0, 1), "lowestEfficiency", origin),
            "highestwastedbytes" => new GateRule(GateRuleKind.MaxWastedBytes, Size(name, text, origin), "highestWastedBytes", origin),
            "highestuserwastedpercent" => new GateRule(GateRuleKind.MaxWastedPercent, Number(name, text, origin, 0, 1) * 100, "highestUserWastedPercent", origin),
            _ => throw new GateInputException($"{origin}: unknown rule '{name}' (known: max-size, max-growth, min-efficiency, max-wasted-bytes, max-wasted-percent, min-slim-ratio, lowestEfficiency, highestWastedBytes, highestUserWastedPercent)"),
        };
    }

    /// <summary>
    /// Reads a rules file: JSON (an object, its rules at the top or under <c>"rules"</c>) or YAML (its rules at the top
    /// or under <c>rules:</c>, the shape of dive's <c>.dive-ci</c>; see <see cref="GateRulesYamlReader"/>).
    /// </summary>
    public static IReadOnlyList<GateRule> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GateInputException($"cannot read the rules file {path}: {e.Message}", e);
        }

        var values = Read(text, path);
        var rules = new List<GateRule>();
        var seen = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var (name, value, line) in values)
        {
            var at = line > 0 ? $"{path}:{line}" : path;
            if (!seen.TryAdd(Normalize(name), (name, line)))
            {
                var first = seen[Normalize(name)];
                var where = first.Line > 0 ? $" (line {first.Line})" : "";
                throw new GateInputException($"{at}: '{name}' is given twice, first as '{first.Name}'{where}");
            }

            // The line goes into errors; a rule's origin stays the file, as the gate's outputs name it.
            if (Parse(name, value, at) is { } rule)
            {
                rules.Add(rule with { Origin = path });
            }
        }

        var given = values.Select(v => Normalize(v.Name)).ToHashSet(StringComparer.Ordinal);
        if (given.Overlaps(DiveNames))
        {
            if (!given.Contains("lowestefficiency"))
            {
                rules.Add(new GateRule(GateRuleKind.MinEfficiency, 0.9, "lowestEfficiency", path + " (dive default)"));
            }

            if (!given.Contains("highestuserwastedpercent"))
            {
                rules.Add(new GateRule(GateRuleKind.MaxWastedPercent, 10, "highestUserWastedPercent", path + " (dive default)"));
            }
        }

        return rules;
    }

    /// <summary>File rules, then option rules: an option replaces a file rule that measures the same thing.</summary>
    public static IReadOnlyList<GateRule> Merge(IReadOnlyList<GateRule> fromFile, IReadOnlyList<GateRule> fromOptions)
    {
        static string Family(GateRule rule) => rule.Kind is GateRuleKind.MaxGrowthBytes or GateRuleKind.MaxGrowthPercent ? "growth" : rule.Kind.ToString();
        var overridden = fromOptions.Select(Family).ToHashSet(StringComparer.Ordinal);
        return [.. fromFile.Where(r => !overridden.Contains(Family(r))), .. fromOptions];
    }

    private static string Normalize(string name) =>
        name.Trim().TrimStart('-').Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static double Size(string name, string text, string origin) =>
        ByteSize.TryParse(text, out var bytes) ? bytes : throw new GateInputException($"{Where(name, origin)}'{text}' is not a size (examples: 40MB, 20MiB, 1.5GB, 123456)");

    private static double Number(string name, string text, string origin, double min, double max)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || number < min || number > max)
        {
            var range = max == double.MaxValue ? $"a number of at least {min}" : $"a number from {min} to {max}";
            throw new GateInputException($"{Where(name, origin)}'{text}' is not {range}");
        }

        return number;
    }

    /// <summary>"--max-size " for an option, "rules.yaml: maxSize " for a file's rule.</summary>
    private static string Where(string name, string origin) => origin == name ? name + " " : $"{origin}: {name} ";

    /// <summary>0.95 or 95 %: a fraction of one, or a percentage with its sign.</summary>
    private static double Fraction(string name, string text, string origin) =>
        text.EndsWith('%') ? Number(name, text[..^1], origin, 0, 100) / 100 : Number(name, text, origin, 0, 1);

    /// <summary>
    /// A .json file is JSON; other text starting with '{' is JSON (comments allowed) or else a YAML flow mapping,
    /// which looks the same at its start; when neither reads it, the JSON error is the one that helps.
    /// </summary>
    private static List<(string Name, string Value, int Line)> Read(string text, string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ReadJson(text, path);
        }

        if (!text.TrimStart().StartsWith('{'))
        {
            return GateRulesYamlReader.Read(text, path);
        }

        try
        {
            return ReadJson(text, path);
        }
        catch (GateInputException json) when (json.InnerException is JsonException)
        {
            try
            {
                return GateRulesYamlReader.Read(text, path);
            }
            catch (GateInputException)
            {
                throw json;
            }
        }
    }

    private static List<(string Name, string Value, int Line)> ReadJson(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.TryGetProperty("rules", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                root = nested;
            }

            var values = new List<(string Name, string Value, int Line)>();
            foreach (var property in root.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.False => Disabled,
                    _ => throw new GateInputException($"{path}: rule '{property.Name}' must be a number or a string"),
                };
                values.Add((property.Name, value, 0));
            }

            return values;
        }
        catch (JsonException e)
        {
            // The reader's sentence up to its own position suffix; the line and the rule's name come first instead.
            var reason = e.Message.Split(" Path: ", 2)[0].Split(" LineNumber: ", 2)[0].TrimEnd(' ', '.', '|');
            var key = e.Path is { Length: > 2 } at ? $" at '{at.TrimStart('$', '.')}'" : "";
            throw new GateInputException($"{path}:{(e.LineNumber ?? 0) + 1}: not valid JSON{key}: {reason}", e);
        }
    }
}
