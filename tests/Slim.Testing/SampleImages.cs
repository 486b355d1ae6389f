using System.Collections.Concurrent;

namespace Slim.Testing;

/// <summary>
/// Builds sample images through scripts/sample-image.sh, which caches them in the engine under a tag
/// derived from their inputs; this class only remembers what it built in this test run.
/// </summary>
public sealed class SampleImages
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _built = new();

    public Task<string> GetAsync(SampleApp sample) =>
        _built.GetOrAdd(sample.Name, _ => new Lazy<Task<string>>(() => BuildAsync(sample))).Value;

    private static async Task<string> BuildAsync(SampleApp sample)
    {
        UnitRun.RefuseEngine($"sample image {sample.Name}");
        var result = await ExternalCommand.RunAsync(
            "bash", [Path.Combine(RepoPaths.Scripts, "sample-image.sh"), sample.Name], TimeSpan.FromMinutes(20)).ConfigureAwait(false);
        result.EnsureSuccess();
        return result.StandardOutput.Trim().Split('\n')[^1].Trim();
    }
}
