using Slim.Testing;

namespace Slim.Tracer.Tests.Integration;

/// <summary>
/// bin/tracer, built by `make tracer`; rebuilt here when missing or older than the tracer's sources, so the
/// tests never run an old sensor (and `dotnet test` works without `make build` first).
/// </summary>
public static class TracerBundle
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Directory => Path.Combine(RepoPaths.Bin, "tracer");

    public static string HostLauncher => Path.Combine(RepoPaths.Bin, "slim-tracer");

    public static async Task EnsureBuiltAsync()
    {
        UnitRun.RefuseEngine("the tracer bundle");
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!IsStale())
            {
                return;
            }

            var result = await ExternalCommand.RunAsync(
                "bash", [Path.Combine(RepoPaths.Scripts, "tracer-bundle.sh")], TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            result.EnsureSuccess();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsStale()
    {
        var binary = new FileInfo(Path.Combine(Directory, "slim-tracer"));
        if (!binary.Exists || !File.Exists(HostLauncher) || !File.Exists(Path.Combine(Directory, "ld-linux-x86-64.so.2")))
        {
            return true;
        }

        var newestSource = new[] { "src/Slim.Tracer", "src/Slim.Trace" }
            .SelectMany(d => System.IO.Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Max(File.GetLastWriteTimeUtc);
        return newestSource > binary.LastWriteTimeUtc;
    }
}
