using System.Formats.Tar;
using Slim.Testing;

namespace Slim.Tracer.Tests.Integration;

/// <summary>
/// Everything the sensor tests need, set up once: the engine and base images, the tracer bundle, an empty
/// image, and a static busybox binary to put in it.
/// </summary>
public sealed class TracerEnvironment : IAsyncLifetime
{
    public const string EmptyImage = "slim-test/empty:latest";

    private readonly DockerEngineFixture _engine = new();
    private string? _work;

    public string DebianBase => _engine.DebianBase;

    public string BusyboxBase => _engine.BusyboxBase;

    /// <summary>A statically linked busybox on the host, copied out of the busybox image.</summary>
    public string StaticBusybox => Path.Combine(_work!, "busybox");

    public async Task InitializeAsync()
    {
        await _engine.InitializeAsync().ConfigureAwait(false);
        await TracerBundle.EnsureBuiltAsync().ConfigureAwait(false);
        _work = System.IO.Directory.CreateTempSubdirectory("slim-tracer-tests-").FullName;

        // An image with no files at all: only what the test copies in exists. Imported once, then reused.
        if (!await Docker.ImageExistsAsync(EmptyImage).ConfigureAwait(false))
        {
            var emptyTar = Path.Combine(_work, "empty.tar");
            await using (var stream = File.Create(emptyTar))
            await using (new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: false))
            {
            }

            (await Docker.RunAsync("import", emptyTar, EmptyImage).ConfigureAwait(false)).EnsureSuccess();
        }

        var created = (await Docker.RunAsync("create", BusyboxBase).ConfigureAwait(false)).EnsureSuccess();
        var id = created.StandardOutput.Trim();
        try
        {
            (await Docker.RunAsync("cp", $"{id}:/bin/busybox", StaticBusybox).ConfigureAwait(false)).EnsureSuccess();
        }
        finally
        {
            await Docker.RunAsync("rm", "-f", id).ConfigureAwait(false);
        }
    }

    public Task DisposeAsync()
    {
        if (_work is not null)
        {
            System.IO.Directory.Delete(_work, recursive: true);
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class TracerCollection : ICollectionFixture<TracerEnvironment>
{
    public const string Name = "tracer";
}
