using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Slim.Pipeline.Report;
using Slim.Rebuild.Packages;
using Slim.Testing;
using Slim.Trace;

namespace Slim.Pipeline.Tests.Report;

/// <summary>
/// The SBOM slim writes validates against the official CycloneDX 1.6 JSON schema, as shipped in the npm package
/// @cyclonedx/cyclonedx-library (with the SPDX license and JSF signature schemas it refers to).
/// </summary>
public sealed class SbomSchemaTests
{
    private static readonly ImageSummary Slim = new("slim-samples/node-http.slim:latest", "sha256:" + new string('a', 64), "sha256:" + new string('b', 64), 40_000_000, 300);

    private static CycloneDxBom Bom()
    {
        var database = PackageDatabasePruner.PruneDpkg(
            "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9+deb12u4\n\nPackage: perl-base\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:5.36.0-7\n\n",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["libc6:amd64.list"] = "/.\n/usr\n/usr/lib/libc.so.6\n", ["perl-base.list"] = "/usr/bin/perl\n" },
            p => p);
        var packages = new PackageInventory(OsRelease.Parse("ID=debian\nVERSION_ID=\"12\"\n"), database, [], new Dictionary<string, byte[]>());
        return SbomBuilder.Build(Slim, "sha256:" + new string('c', 64), packages, [new UnownedFile("/app/server.js", new string('d', 64))], DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task The_sbom_validates_against_the_cyclonedx_1_6_schema()
    {
        var schema = await CycloneDxSchemaAsync();
        var json = SbomBuilder.ToJson(Bom());

        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public async Task The_schema_check_can_fail()
    {
        var schema = await CycloneDxSchemaAsync();
        var node = JsonNode.Parse(SbomBuilder.ToJson(Bom()))!;
        node["components"]![2]!["type"] = "package"; // not a CycloneDX component type
        node["serialNumber"] = "not-a-urn";

        var result = schema.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
    }

    [Fact]
    public void The_sbom_names_the_image_the_os_the_packages_and_the_apps_files()
    {
        var bom = JsonNode.Parse(SbomBuilder.ToJson(Bom()))!;

        Assert.Equal("CycloneDX", (string?)bom["bomFormat"]);
        Assert.Equal("1.6", (string?)bom["specVersion"]);
        Assert.Matches("^urn:uuid:[0-9a-f-]{36}$", (string?)bom["serialNumber"]);
        Assert.Equal("1970-01-01T00:00:00Z", (string?)bom["metadata"]!["timestamp"]);
        var image = bom["metadata"]!["component"]!;
        Assert.Equal(("container", Slim.Reference), ((string?)image["type"], (string?)image["name"]));
        Assert.Equal(new string('a', 64), (string?)image["hashes"]![0]!["content"]);
        var components = bom["components"]!.AsArray();
        Assert.Equal(
            ["operating-system debian 12", "library libc6 2.36-9+deb12u4", "library perl-base 1:5.36.0-7", "file /app/server.js "],
            components.Select(c => $"{(string?)c!["type"]} {(string?)c["name"]} {(string?)c["version"]}"));
        Assert.Equal("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12", (string?)components[1]!["purl"]);
        Assert.Equal(new string('d', 64), (string?)components[3]!["hashes"]![0]!["content"]);
    }

    /// <summary>The bom schema, with the schemas it refers to registered under the names it refers to them by.</summary>
    private static async Task<JsonSchema> CycloneDxSchemaAsync()
    {
        var package = await NpmPackages.GetAsync(NpmPackages.CycloneDxLibrary, NpmPackages.CycloneDxLibraryVersion);
        var directory = Path.Combine(package, "res", "schema");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var name in new[] { "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json" })
        {
            var referenced = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(directory, name)), options, new Uri("http://cyclonedx.org/schema/" + name));
            options.SchemaRegistry.Register(new Uri("http://cyclonedx.org/schema/" + name), referenced);
        }

        return JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(directory, "bom-1.6.SNAPSHOT.schema.json")), options);
    }
}
