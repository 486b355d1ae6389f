using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// The `slim` command as a user runs it: bin/slim from `make build`, with the tracer bundle beside it.
/// Each run gets its own working directory, so artifacts never mix.
/// </summary>
public sealed class SlimBinary
{
    public SlimBinary()
    {
        UnitRun.RefuseEngine("bin/slim");
        TestResources.LabelSlimContainers();
        Path = System.IO.Path.Combine(RepoPaths.Bin, "slim");
        if (!File.Exists(Path) || !File.Exists(System.IO.Path.Combine(RepoPaths.Bin, "tracer", "slim-tracer")))
        {
            throw new InvalidOperationException($"{Path} or its tracer bundle is missing: run `make build` (make test does)");
        }
    }

    public string Path { get; }

    public Task<CommandResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalCommand.RunAsync(Path, arguments, TimeSpan.FromMinutes(10), workingDirectory, environment);
}
