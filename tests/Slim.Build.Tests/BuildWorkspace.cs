using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>A temporary directory for one build's artifacts and the slim images it made; both removed on dispose.</summary>
public sealed class BuildWorkspace : IAsyncDisposable
{
    private readonly List<string> _images = [];

    public BuildWorkspace()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("slim-build-test-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>A unique tag for a slim image this test makes, removed at the end.</summary>
    public string NewTag(string sample)
    {
        var tag = TestResources.NewTag(sample + ".slim");
        _images.Add(tag);
        return tag;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var image in _images)
        {
            await Docker.RunAsync("rmi", "-f", image);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
