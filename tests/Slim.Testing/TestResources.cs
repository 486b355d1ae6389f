using Slim.Engine.Containers;

namespace Slim.Testing;

/// <summary>
/// The one way tests name and label what they make in the shared engine, and find what was left behind. Several test
/// runs (and people) share one engine, so a name or label is scoped to this test process by <see cref="RunId"/>;
/// slim's own containers are found by the label slim itself sets (<see cref="ContainerSession.Label"/>), never a copy.
/// </summary>
public static class TestResources
{
    /// <summary>The label key on every container a test creates itself; its value is <see cref="RunId"/>.</summary>
    public const string LabelKey = "org.slim.test-run";

    /// <summary>The label sample-apps/lib/check-lib.sh puts on a check's containers (value: the sample's name).</summary>
    public const string SampleCheckLabelKey = "org.slim.check";

    /// <summary>This test process, as names and labels carry it.</summary>
    public static string RunId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..16];

    /// <summary><c>org.slim.test-run=RUN</c>: the label of this run, on a test's own containers and (through <see cref="ContainerSession.RunLabelVariable"/>) on slim's.</summary>
    public static string RunLabel { get; } = $"{LabelKey}={RunId}";

    /// <summary><c>--label org.slim.test-run=RUN</c>, for <c>docker create</c>/<c>run</c> by a test.</summary>
    public static IReadOnlyList<string> LabelArguments { get; } = ["--label", RunLabel];

    /// <summary>A tag of this run that no other test (or run) uses: <c>slim-test/NAME:RUN-RANDOM</c>.</summary>
    public static string NewTag(string name) => $"slim-test/{name}:{RunId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Containers this test process created itself and did not remove.</summary>
    public static Task<IReadOnlyList<string>> OwnContainersAsync() => Docker.ContainersWithLabelAsync(RunLabel);

    /// <summary>Makes every slim this process starts (it inherits the environment) label its containers with <see cref="RunLabel"/>.</summary>
    public static void LabelSlimContainers() => Environment.SetEnvironmentVariable(ContainerSession.RunLabelVariable, RunLabel);

    /// <summary>
    /// Containers that a slim of this run created (sensor, verification) and that still exist: slim's own label and this
    /// run's (<see cref="LabelSlimContainers"/>), so another suite or bench on the same engine does not show here.
    /// </summary>
    public static Task<IReadOnlyList<string>> SlimContainersAsync() => Docker.ContainersWithLabelAsync(ContainerSession.Label, RunLabel);

    /// <summary>slim's containers of one purpose: "sensor", "verify", or "compose" (a Compose file's dependencies, ComposeDependencies.Purpose).</summary>
    public static Task<IReadOnlyList<string>> SlimContainersAsync(string purpose) => Docker.ContainersWithLabelAsync($"{ContainerSession.Label}={purpose}", RunLabel);

    /// <summary>The networks or volumes (<paramref name="kind"/>: "network", "volume") slim made for a Compose file's services that still exist.</summary>
    public static async Task<IReadOnlyList<string>> SlimComposeResourcesAsync(string kind)
    {
        var result = await Docker.RunAsync(kind, "ls", "-q", "--filter", $"label={ContainerSession.Label}=compose", "--filter", $"label={RunLabel}").ConfigureAwait(false);
        result.EnsureSuccess();
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Containers a sample's check.sh left behind.</summary>
    public static Task<IReadOnlyList<string>> SampleCheckContainersAsync(string sample) =>
        Docker.ContainersWithLabelAsync($"{SampleCheckLabelKey}={sample}");
}
