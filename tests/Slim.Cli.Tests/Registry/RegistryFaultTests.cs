using System.Text.Json;
using System.Text.RegularExpressions;
using Slim.Cli.Tests.Images;
using Slim.Testing;

namespace Slim.Cli.Tests.Registry;

/// <summary>
/// A real registry (Debian's docker-registry) behind <see cref="RegistryFaultProxy"/>: a rate limit answered 429 with
/// Retry-After, and a blob whose bytes change on the way, which the registry itself refuses.
/// </summary>
[Integration]
[Collection(ImageEngineCollection.Name)]
public sealed partial class RegistryFaultTests : IClassFixture<RegistryPairFixture>, IAsyncLifetime
{
    private const string Image = ImageEngineFixture.Image;
    private readonly RegistryServer _registry;
    private readonly string _dir = Directory.CreateTempSubdirectory("slim-registry-fault-").FullName;
    private RegistryFaultProxy _proxy = null!;

    public RegistryFaultTests(ImageEngineFixture engine, RegistryPairFixture registries)
    {
        _ = engine;
        _registry = registries.Plain;
    }

    public Task InitializeAsync()
    {
        _proxy = new RegistryFaultProxy(_registry.Host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<JsonDocument> SkopeoJsonAsync(params string[] args) =>
        JsonDocument.Parse((await ExternalCommand.RunAsync("skopeo", args)).EnsureSuccess().StandardOutput);

    /// <summary>The 429 the proxy sent for a request matching the line, and the same request passed on afterwards.</summary>
    private (ProxiedRequest Limited, ProxiedRequest Retried) RateLimited()
    {
        var requests = _proxy.Requests;
        var limited = Assert.Single(requests, r => r.Status == 429);
        var retried = requests.First(r => r.Line == limited.Line && r.Status != 429 && r.At > limited.At);
        return (limited, retried);
    }

    [Fact]
    public async Task A_pull_answered_429_waits_as_Retry_After_says_then_completes_with_the_same_digests()
    {
        var direct = ManifestPattern().Match((await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{_registry.Host}/limited:1", "--tls-verify=false")).EnsureSuccess().Output).Groups[1].Value;
        _proxy.RetryAfterSeconds = 2;
        _proxy.RateLimit = line => line.StartsWith("GET /v2/limited/blobs/", StringComparison.Ordinal);
        var layout = Path.Combine(_dir, "layout");
        var copy = (await SlimRun.InvokeAsync("copy", $"docker://{_proxy.Host}/limited:1", $"oci:{layout}:x", "--tls-verify=false")).EnsureSuccess();
        Assert.Equal(direct, ManifestPattern().Match(copy.Output).Groups[1].Value);

        var (limited, retried) = RateLimited();
        Assert.Equal(200, retried.Status);
        Assert.True(retried.At - limited.At >= TimeSpan.FromSeconds(1.9), $"tried again after {retried.At - limited.At}, not the 2 s Retry-After asked");
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json")));
        Assert.Equal(direct, index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
    }

    [Fact]
    public async Task A_push_whose_manifest_put_is_answered_429_is_tried_again_and_tagged()
    {
        _proxy.RateLimit = line => line == "PUT /v2/limited-push/manifests/1";
        var copy = (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{_proxy.Host}/limited-push:1", "--tls-verify=false")).EnsureSuccess();
        var (limited, retried) = RateLimited();
        Assert.Equal(201, retried.Status);
        Assert.True(retried.At - limited.At >= TimeSpan.FromSeconds(0.9), $"tried again after {retried.At - limited.At}");
        using var seen = await SkopeoJsonAsync("inspect", "--tls-verify=false", $"docker://{_registry.Host}/limited-push:1");
        Assert.Equal(ManifestPattern().Match(copy.Output).Groups[1].Value, seen.RootElement.GetProperty("Digest").GetString());
    }

    [Fact]
    public async Task A_blob_changed_on_its_way_is_refused_by_the_registry_and_nothing_is_tagged()
    {
        _proxy.Corrupt = line => line.StartsWith("PUT /v2/corrupt/blobs/uploads/", StringComparison.Ordinal) || line.StartsWith("PATCH /v2/corrupt/blobs/uploads/", StringComparison.Ordinal);
        var push = await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{_proxy.Host}/corrupt:1", "--tls-verify=false");
        Assert.Equal(2, push.ExitCode); // a digest mismatch is a bad image (CommandFailures)
        var line = Assert.Single(push.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^slim: {Regex.Escape(_proxy.Host)}/corrupt: the registry refused blob sha256:[0-9a-f]{{64}}: the bytes sent do not hash to it; nothing was tagged", line);
        Assert.Contains(_proxy.Requests, r => r.Status == 400); // the registry's own DIGEST_INVALID
        Assert.DoesNotContain(_proxy.Requests, r => r.Line.Contains("/manifests/", StringComparison.Ordinal));
        var inspect = await ExternalCommand.RunAsync("skopeo", ["inspect", "--tls-verify=false", $"docker://{_registry.Host}/corrupt:1"]);
        Assert.False(inspect.Succeeded);
        Assert.Contains("manifest unknown", inspect.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"manifest (sha256:[0-9a-f]{64})")]
    private static partial Regex ManifestPattern();
}
