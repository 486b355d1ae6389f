namespace Slim.Testing;

/// <summary>One app under sample-apps/: its Dockerfile and the check that proves it works.</summary>
public sealed record SampleApp(string Name, string Directory)
{
    public string CheckScript => Path.Combine(Directory, "check.sh");

    /// <summary>
    /// Samples it needs running beside it (sample-apps/NAME/depends-on, one a line): its check starts them itself, and
    /// a build needs them on a network (`--network`), so it is slimmed by its own tests, not with the others.
    /// </summary>
    public IReadOnlyList<string> DependsOn =>
        File.Exists(Path.Combine(Directory, "depends-on"))
            ? File.ReadAllLines(Path.Combine(Directory, "depends-on")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];

    public static IReadOnlyList<SampleApp> All() =>
        System.IO.Directory.GetDirectories(RepoPaths.SampleApps)
            .Where(d => File.Exists(Path.Combine(d, "Dockerfile")))
            .Select(d => new SampleApp(Path.GetFileName(d), d))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    public static SampleApp Named(string name) =>
        All().SingleOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no sample app named {name}");

    /// <summary>Runs the sample's functional check against an image; extra docker run arguments go after it.</summary>
    public Task<CommandResult> CheckAsync(string image, params string[] runArguments) =>
        ExternalCommand.RunAsync("bash", [CheckScript, image, .. runArguments], TimeSpan.FromMinutes(3));
}
