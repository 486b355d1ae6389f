using System.Text.RegularExpressions;
using Slim.Testing;

namespace Slim.Architecture.Tests;

/// <summary>ARCHITECTURE.md's table is a claim about the code: every type it names is declared in the folder it names.</summary>
public sealed partial class ArchitectureTableTests
{
    private sealed record Row(string Step, string Project, string Folder, IReadOnlyList<string> Types);

    private static IReadOnlyList<Row> Rows()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "ARCHITECTURE.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // | step | what | project | folder | types |  -> 7 cells with the empty ends
            if (cells.Length != 7 || !cells[3].StartsWith("Slim.", StringComparison.Ordinal))
            {
                continue;
            }

            var types = TypeName().Matches(cells[5]).Select(m => m.Groups[1].Value).ToList();
            rows.Add(new Row(cells[1], cells[3], cells[4], types));
        }

        return rows;
    }

    public static TheoryData<string, string, string> NamedTypes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Rows())
        {
            foreach (var type in row.Types)
            {
                data.Add(row.Project, row.Folder, type);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_names_every_project_and_a_type_in_each_row()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 20, $"only {rows.Count} rows read from ARCHITECTURE.md");
        Assert.All(rows, r => Assert.NotEmpty(r.Types));
        var named = rows.Select(r => r.Project).ToHashSet(StringComparer.Ordinal);
        Assert.All(SourceProject.All(), p => Assert.Contains(p.Name, named));
    }

    [Theory]
    [MemberData(nameof(NamedTypes))]
    public void A_named_type_is_declared_in_the_folder_the_table_names(string project, string folder, string type)
    {
        var directory = Path.Combine(RepoPaths.Root, "src", project, folder.TrimEnd('/') is "." ? "" : folder.TrimEnd('/'));
        Assert.True(Directory.Exists(directory), $"{project}/{folder} does not exist");
        var declaration = new Regex($@"\b(class|record|struct|interface|enum)\s+{Regex.Escape(type)}\b");
        var found = Directory.EnumerateFiles(directory, "*.cs", SearchOption.TopDirectoryOnly)
            .Any(f => declaration.IsMatch(File.ReadAllText(f)));
        Assert.True(found, $"ARCHITECTURE.md names {type} in {project}/{folder}, but no file there declares it");
    }

    [GeneratedRegex("`([A-Z][A-Za-z0-9]+)`")]
    private static partial Regex TypeName();
}
