using System.Text.Json.Nodes;

namespace Slim.Testing;

/// <summary>
/// Compares two JSON documents field by field and names every difference by its path (<c>$.files[3].kinds[0]</c>),
/// so a snapshot test says which field changed rather than that two long strings differ.
/// </summary>
public static class JsonFields
{
    public static IReadOnlyList<string> Differences(string expected, string actual)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), "$", differences);
        return differences;
    }

    /// <summary>Fails with the list of differences when there is any.</summary>
    public static void AssertSame(string expected, string actual)
    {
        var differences = Differences(expected, actual);
        Assert.True(differences.Count == 0, "the documents differ:\n" + string.Join('\n', differences.Take(40)));
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: missing");
                        continue;
                    }

                    Compare(value, a[name], $"{path}.{name}", differences);
                }

                differences.AddRange(a.Where(p => !e.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key}: not expected"));
                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {e.Count} items expected, {a.Count} found");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                return;
            case (JsonValue e, JsonValue a) when JsonNode.DeepEquals(e, a):
                return;
            default:
                differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, found {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }
}
