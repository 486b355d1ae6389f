using System.Text.RegularExpressions;
using Slim.Testing;

namespace Slim.Architecture.Tests;

/// <summary>
/// The dependency rule (Trace &lt;- Images &lt;- Rebuild, Analysis, Engine &lt;- Pipeline &lt;- Cli; Tracer -&gt; Trace only),
/// checked on the .csproj files and the sources, so a forbidden reference fails here before a reviewer sees it.
/// </summary>
public sealed partial class DependencyRuleTests
{
    /// <summary>What each project may reference directly. A project may use fewer; none may use more.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Slim.Trace"] = [],
        ["Slim.Images"] = ["Slim.Trace"],
        ["Slim.Rebuild"] = ["Slim.Trace", "Slim.Images"],
        ["Slim.Analysis"] = ["Slim.Trace", "Slim.Images"],
        ["Slim.Engine"] = ["Slim.Trace", "Slim.Images"],
        ["Slim.Pipeline"] = ["Slim.Trace", "Slim.Images", "Slim.Rebuild", "Slim.Engine"],
        // The rest comes transitively through the pipeline; the image library and the contracts may be named.
        ["Slim.Cli"] = ["Slim.Pipeline", "Slim.Analysis", "Slim.Images", "Slim.Trace"],
        ["Slim.Tracer"] = ["Slim.Trace"],
    };

    /// <summary>Packages that belong to one concern, by name prefix, and the only projects that may reference them.</summary>
    private static readonly (string Prefix, string[] Owners)[] OwnedPackages =
    [
        ("Docker.DotNet", ["Slim.Engine"]),
        ("AngleSharp", ["Slim.Pipeline"]),
        ("Microsoft.OpenApi", ["Slim.Pipeline"]),
        ("Spectre.", ["Slim.Cli"]),
        ("System.CommandLine", ["Slim.Cli"]),
    ];

    public static TheoryData<string> Projects() => [.. SourceProject.All().Select(p => p.Name)];

    [Fact]
    public void Every_project_under_src_is_named_by_the_rule()
    {
        var found = SourceProject.All().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(found.Except(Allowed.Keys));
        Assert.Empty(Allowed.Keys.Except(found));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_the_projects_the_rule_allows(string name)
    {
        var project = SourceProject.All().Single(p => p.Name == name);

        var forbidden = project.ProjectReferences.Except(Allowed[name]).Order(StringComparer.Ordinal).ToList();

        Assert.True(forbidden.Count == 0, $"{name} references {string.Join(", ", forbidden)}; the rule allows only [{string.Join(", ", Allowed[name])}]");
    }

    [Fact]
    public void The_project_graph_has_no_cycle()
    {
        var projects = SourceProject.All().ToDictionary(p => p.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string name, List<string> path)
        {
            Assert.False(path.Contains(name), "cycle: " + string.Join(" -> ", path.Append(name)));
            if (!done.Add(name) || !projects.TryGetValue(name, out var project))
            {
                return;
            }

            foreach (var reference in project.ProjectReferences)
            {
                Visit(reference, [.. path, name]);
            }
        }

        foreach (var name in projects.Keys)
        {
            Visit(name, []);
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_concern_s_packages_are_referenced_only_by_its_project(string name)
    {
        var project = SourceProject.All().Single(p => p.Name == name);

        var misplaced = project.PackageReferences
            .Where(package => OwnedPackages.Any(o => package.StartsWith(o.Prefix, StringComparison.Ordinal) && !o.Owners.Contains(name)))
            .ToList();

        Assert.True(misplaced.Count == 0, $"{name} references {string.Join(", ", misplaced)}, which belong to another project");
    }

    [Fact]
    public void The_rule_s_packages_are_really_where_it_says()
    {
        // Guards the prefixes above: a renamed package would make the check pass vacuously.
        var projects = SourceProject.All().ToDictionary(p => p.Name, StringComparer.Ordinal);

        foreach (var (prefix, owners) in OwnedPackages)
        {
            Assert.Contains(owners, owner => projects[owner].PackageReferences.Any(p => p.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void The_tracer_and_the_contracts_stay_free_of_packages()
    {
        // The sensor is NativeAOT and runs inside the target: everything it links comes from the runtime.
        Assert.Empty(SourceProject.All().Single(p => p.Name == "Slim.Tracer").PackageReferences);
        Assert.Empty(SourceProject.All().Single(p => p.Name == "Slim.Trace").PackageReferences);
    }

    // The pipeline reaches the engine through IContainerEngine only, so that it runs against a fake in unit tests.
    [Fact]
    public void No_code_outside_the_engine_names_Docker_DotNet()
    {
        var offenders = SourceFiles()
            .Where(f => !IsEngineCode(f))
            .Where(f => File.ReadLines(f).Any(line => DockerDotNet().IsMatch(StripComment(line))))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, "Docker.DotNet is used outside src/Slim.Engine:\n" + string.Join('\n', offenders));
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static bool IsEngineCode(string file)
    {
        var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
        return relative.StartsWith("src/Slim.Engine/", StringComparison.Ordinal)
            || relative.StartsWith("tests/Slim.Engine.Tests/", StringComparison.Ordinal)
            || relative.StartsWith("tests/Slim.Architecture.Tests/", StringComparison.Ordinal);
    }

    private static string StripComment(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    // A using directive or a qualified name: `using Docker.DotNet.Models;`, `Docker.DotNet.DockerApiException`.
    [GeneratedRegex(@"\bDocker\.DotNet\b")]
    private static partial Regex DockerDotNet();
}
