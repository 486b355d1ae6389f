using Slim.Testing;
using TestDocker = Slim.Testing.Docker;

namespace Slim.Cli.Tests.Images;

/// <summary>The engine plus the small whiteout test image, built once from the Dockerfile beside the tests.</summary>
public sealed class ImageEngineFixture : IAsyncLifetime
{
    public const string Image = "slim-test/images-whiteouts:latest";

    private readonly DockerEngineFixture _engine = new();

    public async Task InitializeAsync()
    {
        await _engine.InitializeAsync();
        var context = Path.Combine(RepoPaths.Root, "tests", "Slim.Cli.Tests", "Images", "whiteouts");
        (await TestDocker.RunAsync(["build", "-q", "-t", Image, context], TimeSpan.FromMinutes(5))).EnsureSuccess();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
