using System.Xml.Linq;
using Slim.Testing;

namespace Slim.Architecture.Tests;

/// <summary>One project under src/, as its .csproj declares it: the projects and packages it references directly.</summary>
public sealed record SourceProject(string Name, string Directory, IReadOnlySet<string> ProjectReferences, IReadOnlySet<string> PackageReferences)
{
    public static string SourceRoot => Path.Combine(RepoPaths.Root, "src");

    public static IReadOnlyList<SourceProject> All() =>
        System.IO.Directory.GetDirectories(SourceRoot)
            .SelectMany(d => System.IO.Directory.GetFiles(d, "*.csproj"))
            .Select(Read)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    public static SourceProject Read(string csproj)
    {
        var document = XDocument.Load(csproj);
        IEnumerable<string> Includes(string item) =>
            document.Descendants().Where(e => e.Name.LocalName == item).Select(e => (string?)e.Attribute("Include") ?? "").Where(i => i.Length > 0);

        // A reference is named by its file: ../Slim.Trace/Slim.Trace.csproj is Slim.Trace, whatever the separators.
        var projects = Includes("ProjectReference").Select(i => Path.GetFileNameWithoutExtension(i.Replace('\\', '/'))).ToHashSet(StringComparer.Ordinal);
        var packages = Includes("PackageReference").ToHashSet(StringComparer.Ordinal);
        return new SourceProject(Path.GetFileNameWithoutExtension(csproj), Path.GetDirectoryName(csproj)!, projects, packages);
    }
}
