using Slim.Testing;

namespace Slim.Cli.Tests;

/// <summary>
/// Commands run with DOCKER_HOST naming a socket no engine listens on. DOCKER_HOST is process-wide, so this collection
/// runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UnreachableEngineCollection
{
    public const string Name = "DOCKER_HOST points nowhere";
}

[Collection(UnreachableEngineCollection.Name)]
public sealed class UnreachableEngineTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string? _host = Environment.GetEnvironmentVariable("DOCKER_HOST");

    public UnreachableEngineTests() =>
        Environment.SetEnvironmentVariable("DOCKER_HOST", "unix://" + _dir["no-engine.sock"]);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", _host);
        _dir.Dispose();
    }

    [Theory]
    [InlineData("copy")]
    [InlineData("inspect")]
    [InlineData("xray")]
    [InlineData("build")]
    [InlineData("gate")]
    public async Task An_unreachable_engine_exits_3_with_one_line(string command)
    {
        var output = _dir["out"];
        string[] args = command switch
        {
            "copy" => ["copy", "docker-daemon:example.com/app:1", "oci:" + output],
            "inspect" => ["inspect", "example.com/app:1"],
            "xray" => ["xray", "--target", "example.com/app:1"],
            "build" => ["build", "--target", "example.com/app:1"],
            _ => ["gate", "--target", "example.com/app:1", "--max-size", "1MB"],
        };

        var run = await SlimRun.InvokeAsync(args);

        Assert.True(run.ExitCode == 3, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-engine.sock", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
