using System.Formats.Tar;
using Slim.Trace;

namespace Slim.Pipeline.Sensor;

/// <summary>
/// The tracer with its own loader and libc (bin/tracer, made by `make build`), and how it is put into a
/// container: as a tar unpacked at / through the engine's archive API, under <see cref="TracerMount.Directory"/>.
/// </summary>
public sealed record TracerBundle(string Directory)
{
    public const string EnvironmentVariable = "SLIM_TRACER_BUNDLE";

    /// <summary>The command prefix that starts the tracer inside any image, even an empty one.</summary>
    public static IReadOnlyList<string> Launcher { get; } =
        [TracerMount.Directory + "/ld-linux-x86-64.so.2", "--library-path", TracerMount.Directory + "/lib", TracerMount.Directory + "/slim-tracer"];

    /// <summary>
    /// The command prefix that starts the tracer in the running sensor container (`docker exec`, as root): the bundle
    /// is hidden from the app by then, and reached through PID 1's descriptor on it (<see cref="TracerMount.Door"/>).
    /// </summary>
    public static IReadOnlyList<string> ExecLauncher { get; } =
        [TracerMount.Door + "/ld-linux-x86-64.so.2", "--library-path", TracerMount.Door + "/lib", TracerMount.Door + "/slim-tracer"];

    /// <summary>Finds the bundle: $SLIM_TRACER_BUNDLE, else beside the slim executable (bin/cli/../tracer).</summary>
    public static TracerBundle Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "tracer")));
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "tracer"));
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "slim-tracer")) && File.Exists(Path.Combine(candidate, "ld-linux-x86-64.so.2")))
            {
                return new TracerBundle(candidate);
            }
        }

        throw new SensorException($"the tracer bundle is missing (looked in {string.Join(", ", candidates)}); run `make build` or set {EnvironmentVariable}");
    }

    /// <summary>A tar of the bundle under <see cref="TracerMount.Directory"/>, with an empty, world-writable artifacts directory.</summary>
    public async Task<MemoryStream> ToTarAsync(CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            var root = TracerMount.Directory.TrimStart('/');
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, root + "/") { Mode = (UnixFileMode)0x1ED /* 0755 */ }, cancellationToken).ConfigureAwait(false);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, root + "/artifacts/") { Mode = (UnixFileMode)0x3FF /* 01777 */ }, cancellationToken).ConfigureAwait(false);
            foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = root + "/" + Path.GetRelativePath(Directory, path).Replace('\\', '/');
                if (name == root + "/artifacts" || name.StartsWith(root + "/artifacts/", StringComparison.Ordinal))
                {
                    continue;
                }

                await writer.WriteEntryAsync(path, name, cancellationToken).ConfigureAwait(false);
            }
        }

        output.Position = 0;
        return output;
    }
}
