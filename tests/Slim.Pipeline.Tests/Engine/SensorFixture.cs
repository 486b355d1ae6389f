using Slim.Engine;
using Slim.Pipeline.Sensor;
using Slim.Testing;

namespace Slim.Pipeline.Tests.Engine;

/// <summary>A fake engine holding one image, <see cref="Image"/>, and a tracer bundle of one file to copy in.</summary>
internal sealed class SensorFixture : IDisposable
{
    public const string Image = "example/app:1";

    private readonly TempDirectory _bundle = new();

    public SensorFixture()
    {
        _bundle.Write("slim-tracer", [0x7f, (byte)'E', (byte)'L', (byte)'F']);
        Bundle = new TracerBundle(_bundle.Path);
        Engine.AddImage(Image, new EngineImage { Id = "sha256:" + new string('a', 64), Size = 1000, Cmd = ["/app", "--serve"], User = "app", WorkingDir = "/srv" });
    }

    public FakeContainerEngine Engine { get; } = new();

    public TracerBundle Bundle { get; }

    /// <summary>A sensor container that runs the app to its end and leaves the tracer's report.</summary>
    public static FakeBehaviour TracedRun(string stdout = "hello\n") => new()
    {
        ExitsWith = 0,
        Stdout = stdout,
        Artifacts = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["trace.json"] = FakeTrace.Report("/app", ["/app", "/etc/app.conf"], ["read", "write", "exit_group"]) },
    };

    public void Dispose() => _bundle.Dispose();
}
