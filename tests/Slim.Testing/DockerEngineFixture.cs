namespace Slim.Testing;

/// <summary>
/// The real Docker engine and the home-made base images, brought up once per test assembly.
/// A missing engine is a failure, never a skip: `make test` starts one, and CI must see it.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public string DebianBase { get; private set; } = "";

    public string BusyboxBase { get; private set; } = "";

    public async Task InitializeAsync()
    {
        UnitRun.RefuseEngine(nameof(DockerEngineFixture));
        var up = await ExternalCommand.RunAsync(
            "bash", [Path.Combine(RepoPaths.Scripts, "engine-up.sh")], TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        if (!up.Succeeded)
        {
            throw new InvalidOperationException("No Docker engine for the integration tests (run `make test`, which starts one).\n" + up);
        }

        var bases = await ExternalCommand.RunAsync(
            "bash", [Path.Combine(RepoPaths.Scripts, "base-images.sh")], TimeSpan.FromMinutes(15)).ConfigureAwait(false);
        bases.EnsureSuccess();
        var refs = bases.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        DebianBase = refs.Single(r => r.StartsWith("slim-samples/debian:", StringComparison.Ordinal));
        BusyboxBase = refs.Single(r => r.StartsWith("slim-samples/busybox:", StringComparison.Ordinal));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
