using System.Text.RegularExpressions;
using Slim.Testing;

namespace Slim.Architecture.Tests;

/// <summary>Rules for the tests themselves: resources in the shared engine are named and found one way (Slim.Testing).</summary>
public sealed partial class TestHygieneTests
{
    [Fact]
    public void No_test_finds_or_labels_containers_by_a_literal_label()
    {
        var testsRoot = Path.Combine(RepoPaths.Root, "tests");
        var offenders = Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, "Slim.Testing") && !IsUnder(f, "Slim.Architecture.Tests") && !IsUnder(f, "bin") && !IsUnder(f, "obj"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => LiteralLabel().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "use Slim.Testing.TestResources instead:\n" + string.Join('\n', offenders));
    }

    private static bool IsUnder(string file, string directory) =>
        file.Contains($"{Path.DirectorySeparatorChar}{directory}{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    // "--label", "label=…" or a label key of ours ("org.slim.…") in a string literal.
    [GeneratedRegex("\"(--label|label=|org\\.slim\\.)")]
    private static partial Regex LiteralLabel();
}
