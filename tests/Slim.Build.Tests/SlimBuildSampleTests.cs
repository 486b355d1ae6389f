using System.Text.Json.Nodes;
using Slim.Testing;
using Xunit.Abstractions;

namespace Slim.Build.Tests;

/// <summary>
/// The product's promise, per sample app: `slim build` makes a slim image whose own functional check
/// passes when it runs under the generated seccomp profile, slim's own verification agrees, and
/// nothing is left behind. A sample that regresses fails here.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class SlimBuildSampleTests(SampleImages images, SlimBinary slim, ITestOutputHelper output)
{
    public static TheoryData<string> SampleNames()
    {
        var data = new TheoryData<string>();
        // One that needs a database beside it is slimmed on its network by NetworkBuildTests.
        foreach (var sample in SampleApp.All().Where(s => s.DependsOn.Count == 0))
        {
            data.Add(sample.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task The_slim_image_passes_the_samples_own_check_under_the_generated_profile(string name)
    {
        var sample = SampleApp.Named(name);
        var image = await images.GetAsync(sample);
        await using var workspace = new BuildWorkspace();
        var tag = workspace.NewTag(name);

        var hardeningOut = workspace.PathOf("hardening");
        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag, "--hardening-out", hardeningOut, .. SampleBuildArguments.For(sample)]);

        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.True(report.VerificationPassed, report.VerificationFailures);
        Assert.True(report.ResultSize < report.TargetSize, $"slim {report.ResultSize} bytes is not smaller than {report.TargetSize}");
        var check = await sample.CheckAsync(tag, "--security-opt", $"seccomp={report.SeccompProfile}");
        Assert.True(check.Succeeded, check.ToString());
        await AssertScannersSeeTheSbomsPackagesAsync(name, image, tag, workspace);

        // Step 9: the sample's own check passes under exactly the flags slim wrote and printed, all at once.
        var hardening = report.Hardening;
        Assert.True(hardening.GetProperty("proved").GetBoolean(), hardening.ToString());
        var flags = File.ReadAllLines(Path.Combine(hardeningOut, "docker-run.args"));
        Assert.Contains($"docker run --rm {string.Join(' ', flags)} {tag}", build.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(hardening.GetProperty("dockerRun").GetString(), $"docker run --rm {string.Join(' ', flags)} {tag}");
        Assert.Contains($"--security-opt=seccomp={report.SeccompProfile}", flags);
        // Every sample's writes are planned (tmpfs, volumes): none needs a writable root.
        Assert.Contains("--read-only", flags);
        var hardened = await sample.CheckAsync(tag, flags);
        Assert.True(hardened.Succeeded, $"under {string.Join(' ', flags)}: {hardened}");

        // A capability slim asked for is needed: the check fails without it (SETUID: the samples that drop root).
        var capabilities = flags.Where(f => f.StartsWith("--cap-add=", StringComparison.Ordinal)).Select(f => f["--cap-add=".Length..]).ToList();
        if (name is "nginx-static" or "privdrop-entrypoint")
        {
            Assert.Contains("SETUID", capabilities);
            Assert.Contains("--cap-drop=ALL", flags);
        }

        if (capabilities.Contains("SETUID"))
        {
            var without = await sample.CheckAsync(tag, [.. flags.Where(f => f != "--cap-add=SETUID")]);
            Assert.False(without.Succeeded, $"the check passed without SETUID: {without}");
        }

        Assert.Empty(await TestResources.SlimContainersAsync());
        Assert.Empty(await TestResources.OwnContainersAsync());
    }

    /// <summary>
    /// The slim image's pruned package database tells the truth: dpkg-query lists exactly the packages of slim's SBOM,
    /// trivy finds the same ones at the same versions, and more in the original.
    /// </summary>
    private async Task AssertScannersSeeTheSbomsPackagesAsync(string name, string image, string tag, BuildWorkspace workspace)
    {
        var sbom = ImagePackageScan.Libraries(JsonNode.Parse(await File.ReadAllTextAsync(workspace.PathOf("slim.cdx.json")))!)
            .ToDictionary(p => p.Name, p => p.Version, StringComparer.Ordinal);
        using var roots = new TempDirectory();
        await ImagePackageScan.ExportAsync(tag, roots["slim"]);
        await ImagePackageScan.ExportAsync(image, roots["original"], "etc/os-release", "usr/lib/os-release", "etc/debian_version", "var/lib/dpkg/*");

        var dpkg = await ImagePackageScan.DpkgQueryAsync(roots["slim"]);
        Assert.Equal(sbom.OrderBy(p => p.Key, StringComparer.Ordinal), dpkg.OrderBy(p => p.Key, StringComparer.Ordinal));
        var slimScan = await ImagePackageScan.TrivyAsync(roots["slim"]);
        var originalScan = await ImagePackageScan.TrivyAsync(roots["original"]);
        Assert.Equal(sbom.Select(p => (p.Key, ImagePackageScan.WithoutEpoch(p.Value))).Order(), slimScan.Select(p => (p.Key, p.Value)).Order());
        Assert.True(originalScan.Count > slimScan.Count, $"trivy finds {originalScan.Count} packages in the original, {slimScan.Count} in the slim image");
        Assert.NotEmpty(slimScan);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(workspace.PathOf("slim.report.json")))!["packages"]!;
        output.WriteLine($"packages {name}: original {originalScan.Count} (trivy), slim {slimScan.Count} (trivy), {dpkg.Count} (dpkg-query), {sbom.Count} (sbom); report kept {report["kept"]} removed whole {report["removedWhole"]} partly {report["removedPartly"]}");
    }
}
