using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// The product's promise, per sample app: `slim build` makes a slim image whose own functional check
/// passes when it runs under the generated seccomp profile, slim's own verification agrees, and
/// nothing is left behind. A sample that regresses fails here.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class SlimBuildSampleTests(SampleImages images, SlimBinary slim)
{
    public static TheoryData<string> SampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var sample in SampleApp.All())
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

        // Step 9: the sample's own check passes under exactly the flags slim wrote and printed, all at once.
        var hardening = report.Hardening;
        Assert.True(hardening.GetProperty("proved").GetBoolean(), hardening.ToString());
        var flags = File.ReadAllLines(Path.Combine(hardeningOut, "docker-run.args"));
        Assert.Contains($"docker run --rm {string.Join(' ', flags)} {tag}", build.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(hardening.GetProperty("dockerRun").GetString(), $"docker run --rm {string.Join(' ', flags)} {tag}");
        Assert.Contains($"--security-opt=seccomp={report.SeccompProfile}", flags);
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
    }
}
