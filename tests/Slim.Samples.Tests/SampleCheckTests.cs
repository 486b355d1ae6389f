using Slim.Testing;

namespace Slim.Samples.Tests;

/// <summary>
/// Every sample app builds from its Dockerfile on the home-made base, and its functional check passes
/// against the original image; the same check fails on an image that lacks the app, so it tests something.
/// </summary>
[Integration]
[Collection(EngineCollection.Name)]
public sealed class SampleCheckTests(DockerEngineFixture engine, SampleImages images)
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

    [Fact]
    public void There_are_at_least_sixteen_samples_each_with_a_check()
    {
        var samples = SampleApp.All();
        Assert.True(samples.Count >= 16, $"only {samples.Count} sample apps");
        Assert.All(samples, s => Assert.True(File.Exists(s.CheckScript), $"{s.Name} has no check.sh"));
        Assert.All(samples, s => Assert.Contains("ARG BASE", File.ReadAllText(Path.Combine(s.Directory, "Dockerfile")), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task Check_passes_on_the_original_image_and_leaves_no_container(string name)
    {
        var sample = SampleApp.Named(name);
        var image = await images.GetAsync(sample);

        var result = await sample.CheckAsync(image);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Empty(await TestResources.SampleCheckContainersAsync(name));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task Check_fails_on_an_image_without_the_app(string name)
    {
        var sample = SampleApp.Named(name);

        var result = await sample.CheckAsync(engine.DebianBase);

        Assert.False(result.Succeeded, $"{name}'s check passed on the bare base image: it proves nothing\n{result}");
        Assert.Empty(await TestResources.SampleCheckContainersAsync(name));
    }
}
