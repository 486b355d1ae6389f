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

        var build = await slim.RunAsync(workspace.Directory, ["build", "--target", image, "--tag", tag, .. SampleBuildArguments.For(sample)]);

        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        Assert.True(report.VerificationPassed, report.VerificationFailures);
        Assert.True(report.ResultSize < report.TargetSize, $"slim {report.ResultSize} bytes is not smaller than {report.TargetSize}");
        var check = await sample.CheckAsync(tag, "--security-opt", $"seccomp={report.SeccompProfile}");
        Assert.True(check.Succeeded, check.ToString());
        Assert.Empty(await TestResources.SlimContainersAsync());
    }
}
