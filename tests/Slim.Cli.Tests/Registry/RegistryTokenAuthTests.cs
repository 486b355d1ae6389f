using System.Text.Json;
using System.Text.RegularExpressions;
using Slim.Cli.Tests.Images;
using Slim.Testing;

namespace Slim.Cli.Tests.Registry;

/// <summary>
/// docker:// against a real registry (Debian's docker-registry) configured with <c>auth: token</c>, trusting our own token
/// service: the bearer flow as Docker Hub runs it, scopes per repository, credentials given at the token endpoint.
/// </summary>
[Integration]
[Collection(ImageEngineCollection.Name)]
public sealed partial class RegistryTokenAuthTests : IClassFixture<TokenRegistryFixture>, IDisposable
{
    private const string Image = ImageEngineFixture.Image;
    private readonly RegistryServer _registry;
    private readonly string _dir = Directory.CreateTempSubdirectory("slim-token-it-").FullName;

    public RegistryTokenAuthTests(ImageEngineFixture engine, TokenRegistryFixture registry)
    {
        _ = engine;
        _registry = registry.Registry;
    }

    private string Host => _registry.Host;

    private TokenServer Tokens => _registry.Tokens!;

    private static string Creds => $"--creds={TokenServer.User}:{TokenServer.Password}";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>An auth file with no entries, so that no ~/.docker/config.json of the machine lends credentials.</summary>
    private string NoCredentials()
    {
        var path = Path.Combine(_dir, "empty.json");
        File.WriteAllText(path, "{}");
        return "--authfile=" + path;
    }

    private static string CopiedManifest(SlimRun run) => ManifestPattern().Match(run.Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(run.ToString());

    private async Task<string> PushAsync(string repository)
    {
        var run = (await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{Host}/{repository}", "--tls-verify=false", Creds)).EnsureSuccess();
        return CopiedManifest(run);
    }

    [Fact]
    public async Task A_push_with_credentials_gets_a_pull_push_token_for_the_repository_and_skopeo_sees_the_image()
    {
        var before = Tokens.Requests.Count;
        var digest = await PushAsync("team/app:1");
        var asked = Tokens.Requests.Skip(before).ToList();
        Assert.All(asked, r => Assert.Equal((TokenServer.User, 200), (r.Account, r.Status)));
        Assert.Contains(asked, r => r.Granted.Select(g => g.ToString()).Contains("repository:team/app:pull,push"));
        Assert.DoesNotContain(asked, r => r.Scopes.Any(s => !s.StartsWith("repository:team/app:", StringComparison.Ordinal)));

        // skopeo goes through the same token service on its own
        var inspected = (await ExternalCommand.RunAsync("skopeo", ["inspect", "--tls-verify=false", "--creds", $"{TokenServer.User}:{TokenServer.Password}", $"docker://{Host}/team/app:1"])).EnsureSuccess();
        using var json = JsonDocument.Parse(inspected.StandardOutput);
        Assert.Equal(digest, json.RootElement.GetProperty("Digest").GetString());

        // without a token the registry itself refuses: the pushed image is not readable anonymously
        var anonymous = await SlimRun.InvokeAsync("inspect", $"docker://{Host}/team/app:1", "--tls-verify=false", NoCredentials());
        Assert.Equal(2, anonymous.ExitCode);
        var line = Assert.Single(anonymous.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{Host} refuses to let slim pull from team/app: unauthorized", line, StringComparison.Ordinal);
        Assert.Contains("no credentials were given", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_repository_is_pulled_anonymously_with_a_token_scoped_to_pull_it()
    {
        var digest = await PushAsync("public/tool:1");
        var before = Tokens.Requests.Count;
        var layout = Path.Combine(_dir, "layout");
        var copy = (await SlimRun.InvokeAsync("copy", $"docker://{Host}/public/tool:1", $"oci:{layout}:t", "--tls-verify=false", NoCredentials())).EnsureSuccess();
        Assert.Equal(digest, CopiedManifest(copy));
        var asked = Tokens.Requests.Skip(before).ToList();
        var request = Assert.Single(asked); // one token for the whole pull: manifest, config and every layer
        Assert.Null(request.Account);
        Assert.Equal(["repository:public/tool:pull"], request.Scopes);
        Assert.Equal(["repository:public/tool:pull"], request.Granted.Select(g => g.ToString()).ToList());

        // an anonymous push to the same public repository gets a token without push, which the registry refuses
        var push = await SlimRun.InvokeAsync("copy", $"docker-daemon:{Image}", $"docker://{Host}/public/tool:2", "--tls-verify=false", NoCredentials());
        Assert.Equal(2, push.ExitCode);
        Assert.Contains($"{Host} refuses to let slim push to public/tool: unauthorized", push.Error, StringComparison.Ordinal);
        Assert.Contains(Tokens.Requests.Skip(before + 1), r => r.Scopes.Contains("repository:public/tool:pull,push") && r.Granted.All(g => !g.Actions.Contains("push")));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_the_token_service_and_the_message_names_the_realm()
    {
        var wrong = await SlimRun.InvokeAsync("inspect", $"docker://{Host}/team/secret:1", "--tls-verify=false", $"--creds={TokenServer.User}:wrong");
        Assert.Equal(2, wrong.ExitCode);
        var line = Assert.Single(wrong.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{Host} refuses to let slim pull from team/secret: unauthorized", line, StringComparison.Ordinal);
        Assert.Contains($"(realm \"{Tokens.Realm}\")", line, StringComparison.Ordinal);
        Assert.Contains($"the credentials for {TokenServer.User} were refused", line, StringComparison.Ordinal);
        Assert.Contains("said 401", line, StringComparison.Ordinal);
        Assert.Contains(Tokens.Requests, r => r is { Account: TokenServer.User, Status: 401 });
    }

    [Fact]
    public async Task A_copy_between_repositories_mounts_every_blob_with_a_token_that_may_pull_the_source()
    {
        var digest = await PushAsync("team/source:1");
        var before = Tokens.Requests.Count;
        var logBefore = _registry.Log.Length;
        var copy = (await SlimRun.InvokeAsync("copy", $"docker://{Host}/team/source:1", $"docker://{Host}/team/mounted:1", "--tls-verify=false", Creds)).EnsureSuccess();
        Assert.Equal(digest, CopiedManifest(copy));

        var log = _registry.Log[logBefore..];
        Assert.Equal(4, MountPattern().Count(log)); // three layers and the config mounted, none uploaded
        Assert.DoesNotContain("PATCH /v2/team/mounted/blobs/uploads/", log, StringComparison.Ordinal);
        var mountToken = Assert.Single(Tokens.Requests.Skip(before), r => r.Scopes.Count == 2);
        Assert.Equal(["repository:team/mounted:pull,push", "repository:team/source:pull"], mountToken.Granted.Select(g => g.ToString()).ToList());

        using var json = JsonDocument.Parse((await ExternalCommand.RunAsync("skopeo", ["inspect", "--tls-verify=false", "--creds", $"{TokenServer.User}:{TokenServer.Password}", $"docker://{Host}/team/mounted:1"])).EnsureSuccess().StandardOutput);
        Assert.Equal(digest, json.RootElement.GetProperty("Digest").GetString());
    }

    [GeneratedRegex(@"manifest (sha256:[0-9a-f]{64})")]
    private static partial Regex ManifestPattern();

    [GeneratedRegex(@"""POST /v2/team/mounted/blobs/uploads/\?mount=sha256:[0-9a-f]{64}&from=team%2Fsource HTTP/1.1"" 201")]
    private static partial Regex MountPattern();
}
