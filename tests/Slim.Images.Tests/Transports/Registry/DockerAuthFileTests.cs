using System.Text;
using Slim.Images;
using Slim.Images.Transports.Registry;
using Slim.Testing;

namespace Slim.Images.Tests.Transports.Registry;

public sealed class DockerAuthFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Auth(string userColonPass) => Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPass));

    private string Write(string json) => _dir.Write("config.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_auth_of_the_registry_is_decoded_and_a_password_may_hold_colons()
    {
        var path = Write("{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + Auth("alice:pa:ss") + "\"}, \"other.example\": {\"auth\": \"" + Auth("bob:x") + "\"}}}");
        Assert.Equal(new RegistryCredentials("alice", "pa:ss"), DockerAuthFile.Find(path, "127.0.0.1:5000"));
        Assert.Equal(new RegistryCredentials("bob", "x"), DockerAuthFile.Find(path, "other.example"));
        Assert.Null(DockerAuthFile.Find(path, "127.0.0.1:5001"));
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/")]
    [InlineData("registry-1.docker.io")]
    [InlineData("docker.io")]
    public void Docker_hubs_keys_all_name_docker_io(string key)
    {
        var path = Write("{\"auths\": {\"" + key + "\": {\"auth\": \"" + Auth("hub:pw") + "\"}}}");
        Assert.Equal(new RegistryCredentials("hub", "pw"), DockerAuthFile.Find(path, "docker.io"));
    }

    [Fact]
    public void Url_keys_and_username_password_fields_work_and_helpers_are_ignored()
    {
        var path = Write("""{"credsStore": "desktop", "auths": {"https://reg.example:8443/v2/": {"username": "u", "password": "p"}, "empty.example": {}}}""");
        Assert.Equal(new RegistryCredentials("u", "p"), DockerAuthFile.Find(path, "reg.example:8443"));
        Assert.Null(DockerAuthFile.Find(path, "empty.example"));
    }

    [Fact]
    public void A_file_without_auths_names_nobody() => Assert.Null(DockerAuthFile.Find(Write("""{"credsStore": "pass"}"""), "docker.io"));

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"auths": {"r": {"auth": "%%%"}}}""")]
    [InlineData("""{"auths": {"r": {"auth": "bm9jb2xvbg=="}}}""")]
    public void A_broken_file_is_bad_input_naming_it(string json)
    {
        var path = Write(json);
        var e = Assert.Throws<ImageException>(() => DockerAuthFile.Find(path, "r"));
        Assert.Equal(Slim.Trace.Errors.ErrorReason.BadInput, e.Reason);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user:pass", "user", "pass")]
    [InlineData("user:pa:ss", "user", "pa:ss")]
    [InlineData("user:", "user", "")]
    public void Creds_split_at_the_first_colon(string value, string user, string password) =>
        Assert.Equal(new RegistryCredentials(user, password), RegistryCredentials.Parse(value));

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":pass")]
    public void Creds_without_a_user_are_refused(string value) =>
        Assert.Equal(ImageErrorReason.InvalidReference, Assert.Throws<ImageException>(() => RegistryCredentials.Parse(value)).Detail);

    [Fact]
    public void Credentials_never_print_their_password() =>
        Assert.DoesNotContain("secret", new RegistryCredentials("u", "secret").ToString(), StringComparison.Ordinal);
}
