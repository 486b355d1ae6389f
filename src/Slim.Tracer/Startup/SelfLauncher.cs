using Slim.Tracer.Native;

namespace Slim.Tracer.Startup;

/// <summary>
/// How to start this program again (as the stub, or as the tracing child of the thin init). In a container the
/// tracer runs through its own loader (<c>/.slim/ld-linux-x86-64.so.2 --library-path /.slim/lib /.slim/slim-tracer</c>),
/// and /proc/self/exe then names the loader, so the same prefix has to be rebuilt.
/// </summary>
internal sealed record SelfLauncher(string Executable, IReadOnlyList<string> ArgumentPrefix)
{
    public string BundleDirectory => Path.GetDirectoryName(Executable) ?? "/";

    public static SelfLauncher Detect()
    {
        var exe = Procfs.ReadLink("/proc/self/exe") ?? throw new InvalidOperationException("cannot read /proc/self/exe");
        var dir = Path.GetDirectoryName(exe) ?? "/";
        var name = Path.GetFileName(exe);
        if (name.StartsWith("ld-linux", StringComparison.Ordinal) || name.StartsWith("ld-", StringComparison.Ordinal))
        {
            var program = Path.Combine(dir, "slim-tracer");
            return new SelfLauncher(exe, [exe, "--library-path", Path.Combine(dir, "lib"), program]);
        }

        return new SelfLauncher(exe, [exe]);
    }

    public IReadOnlyList<string> Argv(IEnumerable<string> arguments) => [.. ArgumentPrefix, .. arguments];
}
