using Slim.Tracer.Native;

namespace Slim.Tracer.Startup;

/// <summary>
/// How to start this program again (as the stub, or as the tracing child of the thin init). In a container the
/// tracer runs through its own loader (<c>/.slim/ld-linux-x86-64.so.2 --library-path /.slim/lib /.slim/slim-tracer</c>),
/// and /proc/self/exe then names the loader, so the same prefix has to be rebuilt. It is rebuilt from our command
/// line as written, not from /proc/self/exe: while the bundle is hidden it is reached through PID 1's descriptor
/// (<c>/proc/1/fd/200/...</c>), and /proc/self/exe would name its old place, which no longer resolves.
/// </summary>
internal sealed record SelfLauncher(string Executable, IReadOnlyList<string> ArgumentPrefix)
{
    private const string Loader = "ld-linux-x86-64.so.2";
    private const string Program = "slim-tracer";

    public string BundleDirectory => Path.GetDirectoryName(Executable) ?? "/";

    /// <summary>True when started through the bundle's own loader (then the bundle can be reached from another directory).</summary>
    public bool ThroughLoader => ArgumentPrefix.Count == 4;

    public static SelfLauncher Detect()
    {
        var exe = Procfs.ReadLink("/proc/self/exe") ?? throw new InvalidOperationException("cannot read /proc/self/exe");
        var name = Path.GetFileName(exe);
        if (name.StartsWith("ld-linux", StringComparison.Ordinal) || name.StartsWith("ld-", StringComparison.Ordinal))
        {
            var written = Procfs.ReadNulSeparated("/proc/self/cmdline");
            if (written.Count >= 4 && written[1] == "--library-path" && Path.IsPathRooted(written[0]) && Path.IsPathRooted(written[2]) && Path.IsPathRooted(written[3]))
            {
                return new SelfLauncher(written[0], [written[0], written[1], written[2], written[3]]);
            }

            return Through(Path.GetDirectoryName(exe) ?? "/", exe);
        }

        return new SelfLauncher(exe, [exe]);
    }

    /// <summary>The same bundle reached through <paramref name="directory"/> (the hidden bundle's door).</summary>
    public SelfLauncher Through(string directory) =>
        ThroughLoader ? Through(directory, Path.Combine(directory, Loader)) : new SelfLauncher(Path.Combine(directory, Program), [Path.Combine(directory, Program)]);

    public IReadOnlyList<string> Argv(IEnumerable<string> arguments) => [.. ArgumentPrefix, .. arguments];

    private static SelfLauncher Through(string directory, string loader) =>
        new(loader, [loader, "--library-path", Path.Combine(directory, "lib"), Path.Combine(directory, Program)]);
}
