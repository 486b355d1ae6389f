using System.Text.Json.Nodes;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>--keep-package-db=false leaves the database out of the slim image; --sbom puts the SBOM where it says.</summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class PackageDatabaseBuildTests(SampleImages images, SlimBinary slim)
{
    [Fact]
    public async Task Without_the_package_database_the_slim_image_has_none_and_the_sbom_still_names_its_packages()
    {
        var sample = SampleApp.Named("go-static");
        var image = await images.GetAsync(sample);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag(sample.Name);
        var sbomPath = workspace.PathOf(Path.Combine("out", "go.cdx.json"));

        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag, "--keep-package-db=false", "--sbom", sbomPath, .. SampleBuildArguments.For(sample)]);

        Assert.True(build.Succeeded, build.ToString());
        Assert.False(File.Exists(workspace.PathOf("slim.cdx.json")));
        var packages = ImagePackageScan.Libraries(JsonNode.Parse(await File.ReadAllTextAsync(sbomPath))!).Select(p => p.Name).ToList();
        Assert.Contains("tzdata", packages); // the zone file the Go runtime reads is kept, and tzdata owns it
        using var roots = new TempDirectory();
        await ImagePackageScan.ExportAsync(tag, roots["slim"]);
        Assert.False(Directory.Exists(Path.Combine(roots["slim"], "var", "lib", "dpkg")));
        Assert.Empty(await ImagePackageScan.DpkgQueryAsync(roots["slim"]));
        var report = JsonNode.Parse(await File.ReadAllTextAsync(workspace.PathOf("slim.report.json")))!["packages"]!;
        Assert.False((bool)report["databaseKept"]!);
        Assert.Equal(packages.Count, (int)report["kept"]!);
    }
}
