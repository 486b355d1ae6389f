namespace Slim.Testing;

/// <summary>Where things live in this checkout, found from the test assembly's location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string SampleApps => Path.Combine(Root, "sample-apps");

    public static string Scripts => Path.Combine(Root, "scripts");

    public static string Bin => Path.Combine(Root, "bin");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Slim.sln not found above {AppContext.BaseDirectory}");
    }
}
