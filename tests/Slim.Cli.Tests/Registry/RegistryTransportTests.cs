using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Slim.Cli.Tests.Images;
using Slim.Images.Model;
using Slim.Images.Transports.Registry;
using Slim.Testing;
using TestDocker = Slim.Testing.Docker;

namespace Slim.Cli.Tests.Registry;

/// <summary>
/// docker:// against real registries (Debian's docker-registry), checked by tools we did not write: skopeo, the docker
/// engine's own pull, and the registry's access log.
/// </summary>
[Integration]
[Collection(ImageEngineCollection.Name)]
public sealed partial class RegistryTransportTests : IClassFixture<RegistryPairFixture>, IDisposable
{
    private const string Image = ImageEngineFixture.Image;
    private readonly RegistryPairFixture _registries;
    private readonly string _dir = Directory.CreateTempSubdirectory("slim-registry-it-").FullName;

    public RegistryTransportTests(ImageEngineFixture engine, RegistryPairFixture registries)
    {
        _ = engine;
        _registries = registries;
    }

    private string Plain => _registries.Plain.Host;

    private string Secure => _registries.Secure.Host;

    private string SecureArgs => $"--cert-dir={_registries.Secure.CertDirectory}";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<JsonDocument> SkopeoJsonAsync(params string[] args) =>
        JsonDocument.Parse((await ExternalCommand.RunAsync("skopeo", args)).EnsureSuccess().StandardOutput);

    private static string CopiedManifest(SlimRun run) => ManifestPattern().Match(run.Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(run.ToString());

    private static async Task<string> EngineIdAsync(string image) =>
        (await TestDocker.RunAsync("image", "inspect", "--format", "{{.Id}}", image)).EnsureSuccess().StandardOutput.Trim();

    [Fact]
    public async Task An_image_copied_from_the_engine_is_what_skopeo_sees_copies_with_the_same_digest_and_docker_pulls_and_runs()
    {
        var target = $"{Plain}/engine-copy:1";
        var copy = (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{target}", "--tls-verify=false")).EnsureSuccess();
        var manifest = CopiedManifest(copy);

        using (var raw = await SkopeoJsonAsync("inspect", "--tls-verify=false", "--raw", $"docker://{target}"))
        using (var inspected = await SkopeoJsonAsync("inspect", "--tls-verify=false", $"docker://{target}"))
        {
            Assert.Equal(await EngineIdAsync(Image), raw.RootElement.GetProperty("config").GetProperty("digest").GetString());
            Assert.Equal(manifest, inspected.RootElement.GetProperty("Digest").GetString());
            var layers = raw.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
            Assert.Equal(layers, inspected.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList());
            var diffIds = (await TestDocker.RunAsync("image", "inspect", "--format", "{{range .RootFS.Layers}}{{.}} {{end}}", Image)).EnsureSuccess().StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(d => d.Length > 0).ToList();
            Assert.Equal(diffIds, layers); // pushed as the engine exports them: plain tar, digest = diff_id
        }

        // skopeo recompresses layers into an OCI layout unless told to keep them: with --preserve-digests the manifest is ours, byte for byte
        var layout = Path.Combine(_dir, "skopeo-layout");
        (await ExternalCommand.RunAsync("skopeo", ["copy", "--preserve-digests", "--src-tls-verify=false", $"docker://{target}", $"oci:{layout}:x"])).EnsureSuccess();
        using (var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json"))))
        {
            Assert.Equal(manifest, index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
        }

        (await TestDocker.RunAsync("pull", target)).EnsureSuccess();
        try
        {
            Assert.Equal(await EngineIdAsync(Image), await EngineIdAsync(target));
            var run = (await TestDocker.RunAsync("run", "--rm", target, "cat", "/data/keep/a")).EnsureSuccess();
            Assert.Equal("a", run.StandardOutput.Trim());
        }
        finally
        {
            await TestDocker.RunAsync("image", "rm", target);
        }
    }

    [Fact]
    public async Task An_image_skopeo_pushed_reads_with_its_digests_and_a_registry_copy_keeps_the_manifest_by_mounting()
    {
        var pushed = $"{Plain}/skopeo-pushed:1";
        (await ExternalCommand.RunAsync("skopeo", ["copy", "--dest-tls-verify=false", $"docker-daemon:{Image}", $"docker://{pushed}"])).EnsureSuccess();
        using var theirs = await SkopeoJsonAsync("inspect", "--tls-verify=false", $"docker://{pushed}");
        using var theirRaw = await SkopeoJsonAsync("inspect", "--tls-verify=false", "--raw", $"docker://{pushed}");
        var theirLayers = theirs.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList();
        var theirConfig = theirRaw.RootElement.GetProperty("config").GetProperty("digest").GetString()!;

        var inspect = (await SlimRun.InvokeAsync("inspect", "--json", $"docker://{pushed}", "--tls-verify=false")).EnsureSuccess();
        using (var ours = JsonDocument.Parse(inspect.Output))
        {
            Assert.Equal(theirs.RootElement.GetProperty("Digest").GetString(), ours.RootElement.GetProperty("Digest").GetString());
            Assert.Equal(theirConfig, ours.RootElement.GetProperty("ConfigDigest").GetString());
            Assert.Equal(theirLayers, ours.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetProperty("Digest").GetString()!).ToList());
        }

        var before = _registries.Plain.Log.Length;
        var again = $"{Plain}/skopeo-copied:2";
        var copy = (await SlimRun.InvokeAsync("copy", $"docker://{pushed}", $"docker://{again}", "--tls-verify=false")).EnsureSuccess();
        Assert.Equal(theirs.RootElement.GetProperty("Digest").GetString(), CopiedManifest(copy));
        var log = _registries.Plain.Log[before..];
        using (var copied = await SkopeoJsonAsync("inspect", "--tls-verify=false", $"docker://{again}"))
        {
            Assert.Equal(theirs.RootElement.GetProperty("Digest").GetString(), copied.RootElement.GetProperty("Digest").GetString());
        }

        Assert.Equal(theirLayers.Count + 1, MountPattern().Count(log)); // every layer and the config mounted
        Assert.Equal([theirConfig], BlobGetPattern().Matches(log).Select(m => m.Groups[1].Value).ToList()); // only the config read, no layer

        var layout = Path.Combine(_dir, "slim-layout");
        (await SlimRun.InvokeAsync("copy", $"docker://{pushed}", $"oci:{layout}:v1", "--tls-verify=false")).EnsureSuccess();
        using var local = await SkopeoJsonAsync("inspect", $"oci:{layout}:v1");
        using var localRaw = await SkopeoJsonAsync("inspect", "--raw", $"oci:{layout}:v1");
        Assert.Equal(theirConfig, localRaw.RootElement.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(theirLayers, local.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToList());

        // checking blob digests only (as skopeo does) writes the very same layout
        var quick = Path.Combine(_dir, "slim-layout-quick");
        (await SlimRun.InvokeAsync("copy", $"docker://{pushed}", $"oci:{quick}:v1", "--tls-verify=false", "--check-layers=false")).EnsureSuccess();
        using var quickRaw = await SkopeoJsonAsync("inspect", "--raw", $"oci:{quick}:v1");
        Assert.Equal(localRaw.RootElement.GetRawText(), quickRaw.RootElement.GetRawText());
        Assert.Equal(
            Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(quick, "blobs", "sha256")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Inspect_fetches_the_manifest_and_config_but_no_layer()
    {
        var target = $"{Plain}/inspected:1";
        (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{target}", "--tls-verify=false")).EnsureSuccess();
        var before = _registries.Plain.Log.Length;
        var run = (await SlimRun.InvokeAsync("inspect", "--json", $"docker://{target}", "--tls-verify=false")).EnsureSuccess();
        using var json = JsonDocument.Parse(run.Output);
        var config = json.RootElement.GetProperty("ConfigDigest").GetString()!;
        Assert.Equal(await EngineIdAsync(Image), config);
        Assert.Equal(3, json.RootElement.GetProperty("Layers").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("History").GetArrayLength() > 0);

        var log = _registries.Plain.Log[before..];
        var blobGets = BlobGetPattern().Matches(log).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([config], blobGets);
    }

    [Fact]
    public async Task Xray_and_gate_read_the_image_from_the_registry()
    {
        var target = $"{Plain}/analysed:1";
        (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{target}", "--tls-verify=false")).EnsureSuccess();
        var fromRegistry = (await SlimRun.InvokeAsync("xray", "--json", "--target", $"docker://{target}", "--tls-verify=false")).EnsureSuccess();
        var fromEngine = (await SlimRun.InvokeAsync("xray", "--json", "--target", Image)).EnsureSuccess();
        using (var a = JsonDocument.Parse(fromRegistry.Output))
        using (var b = JsonDocument.Parse(fromEngine.Output))
        {
            Assert.Equal(b.RootElement.GetProperty("imageSize").GetInt64(), a.RootElement.GetProperty("imageSize").GetInt64());
            Assert.True(a.RootElement.GetProperty("imageSize").GetInt64() > 1_000_000);
        }

        var pass = await SlimRun.InvokeAsync("gate", "--target", $"docker://{target}", "--baseline", $"docker://{target}", "--max-growth", "0%", "--max-size", "50MB", "--tls-verify=false");
        Assert.True(pass.ExitCode == 0, pass.ToString());
        var fail = await SlimRun.InvokeAsync("gate", "--target", $"docker://{target}", "--max-size", "1KB", "--tls-verify=false");
        Assert.True(fail.ExitCode == 1, fail.ToString());
    }

    [Fact]
    public async Task A_tls_registry_with_htpasswd_takes_creds_or_an_authfile_and_refuses_without()
    {
        var target = $"{Secure}/private:1";
        var creds = $"--creds={RegistryServer.Username}:{RegistryServer.Password}";
        (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{target}", creds, SecureArgs)).EnsureSuccess();
        using (var seen = await SkopeoJsonAsync("inspect", "--cert-dir", _registries.Secure.CertDirectory, "--creds", $"{RegistryServer.Username}:{RegistryServer.Password}", $"docker://{target}"))
        {
            Assert.Equal(3, seen.RootElement.GetProperty("Layers").GetArrayLength());
        }

        var authFile = Path.Combine(_dir, "config.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{RegistryServer.Password}"));
        await File.WriteAllTextAsync(authFile, "{\"auths\": {\"" + Secure + "\": {\"auth\": \"" + auth + "\"}}}");
        using (var viaFile = JsonDocument.Parse((await SlimRun.InvokeAsync("inspect", "--json", $"docker://{target}", "--authfile", authFile, SecureArgs)).EnsureSuccess().Output))
        {
            Assert.Equal(await EngineIdAsync(Image), viaFile.RootElement.GetProperty("ConfigDigest").GetString());
        }

        (await SlimRun.InvokeAsync("inspect", $"docker://{target}", creds, "--tls-verify=false")).EnsureSuccess();

        var anonymous = await SlimRun.InvokeAsync("inspect", $"docker://{target}", SecureArgs, "--authfile", Path.Combine(_dir, "none.json"));
        Assert.Equal(2, anonymous.ExitCode); // --authfile that does not exist

        var empty = Path.Combine(_dir, "empty.json");
        await File.WriteAllTextAsync(empty, "{}");
        var none = await SlimRun.InvokeAsync("inspect", $"docker://{target}", SecureArgs, "--authfile", empty);
        Assert.Equal(2, none.ExitCode);
        var line = Assert.Single(none.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Secure, line, StringComparison.Ordinal);
        Assert.Contains("private", line, StringComparison.Ordinal);
        Assert.Contains("slim-test-realm", line, StringComparison.Ordinal);
        Assert.Contains("--creds", line, StringComparison.Ordinal);

        var wrong = await SlimRun.InvokeAsync("inspect", $"docker://{target}", SecureArgs, $"--creds={RegistryServer.Username}:wrong");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("unauthorized", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("refused", wrong.Error, StringComparison.Ordinal);

        var untrusted = await SlimRun.InvokeAsync("inspect", $"docker://{target}", creds);
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains("--cert-dir", untrusted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_images_and_closed_ports_say_which_registry_and_what_to_do()
    {
        var missing = await SlimRun.InvokeAsync("inspect", $"docker://{Plain}/nothing-here:1", "--tls-verify=false");
        Assert.Equal(1, missing.ExitCode);
        var line = Assert.Single(missing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{Plain} has no image nothing-here:1", line, StringComparison.Ordinal);

        var port = RegistryServer.FreePort();
        var refused = await SlimRun.InvokeAsync("copy", $"docker://127.0.0.1:{port}/x:1", $"oci:{Path.Combine(_dir, "never")}", "--tls-verify=false");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", refused.Error, StringComparison.Ordinal);
        Assert.Contains("connection was refused", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "never")));
    }

    [Fact]
    public async Task An_index_lists_its_platforms_and_platform_chooses_from_it()
    {
        var amd64 = $"{Plain}/multi:amd64";
        var other = $"{Plain}/multi:other";
        var amd = CopiedManifest((await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{amd64}", "--tls-verify=false")).EnsureSuccess());
        (await ExternalCommand.RunAsync("skopeo", ["copy", "--dest-tls-verify=false", $"docker-daemon:{Image}", $"docker://{other}"])).EnsureSuccess();
        using var otherRaw = await SkopeoJsonAsync("inspect", "--tls-verify=false", $"docker://{other}");
        var arm = otherRaw.RootElement.GetProperty("Digest").GetString()!;

        // an OCI index naming both, the second as linux/arm64/v8, pushed with the client itself
        using var client = new RegistryClient(Plain, new RegistryOptions { TlsVerify = false });
        var (amdBytes, amdType, _) = await client.GetManifestAsync("multi", "amd64", CancellationToken.None);
        var (armBytes, armType, _) = await client.GetManifestAsync("multi", "other", CancellationToken.None);
        var index = new ImageIndex
        {
            MediaType = MediaType.OciIndex,
            Manifests =
            [
                Descriptor.For(amdType, amdBytes) with { Platform = Platform.LinuxAmd64 },
                Descriptor.For(armType, armBytes) with { Platform = new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" } },
            ],
        };
        var indexDigest = await client.PutManifestAsync("multi", "1", MediaType.OciIndex, ImageJson.Serialize(index), CancellationToken.None);
        using (var skopeoIndex = await SkopeoJsonAsync("inspect", "--tls-verify=false", "--raw", $"docker://{Plain}/multi:1"))
        {
            Assert.Equal(2, skopeoIndex.RootElement.GetProperty("manifests").GetArrayLength());
        }

        using (var chosen = JsonDocument.Parse((await SlimRun.InvokeAsync("inspect", "--json", $"docker://{Plain}/multi:1", "--tls-verify=false")).EnsureSuccess().Output))
        {
            Assert.Equal(indexDigest.ToString(), chosen.RootElement.GetProperty("IndexDigest").GetString());
            Assert.Equal(["linux/amd64", "linux/arm64/v8"], chosen.RootElement.GetProperty("Platforms").EnumerateArray().Select(p => p.GetString()).ToList());
            Assert.Equal(amd, chosen.RootElement.GetProperty("Digest").GetString());
        }

        using (var chosen = JsonDocument.Parse((await SlimRun.InvokeAsync("inspect", "--json", "--platform", "linux/arm64", $"docker://{Plain}/multi:1", "--tls-verify=false")).EnsureSuccess().Output))
        {
            Assert.Equal(arm, chosen.RootElement.GetProperty("Digest").GetString());
        }

        var none = await SlimRun.InvokeAsync("inspect", "--platform", "linux/s390x", $"docker://{Plain}/multi:1", "--tls-verify=false");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("available: linux/amd64, linux/arm64/v8", none.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"manifest (sha256:[0-9a-f]{64})")]
    private static partial Regex ManifestPattern();

    [GeneratedRegex(@"""POST /v2/[^ ]*blobs/uploads/\?mount=sha256:[0-9a-f]{64}&from=[^ ]+ HTTP/1.1"" 201")]
    private static partial Regex MountPattern();

    [GeneratedRegex(@"""GET /v2/[^ ]*/blobs/(sha256:[0-9a-f]{64}) HTTP/1.1"" 200")]
    private static partial Regex BlobGetPattern();
}
