using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Slim.Testing;

/// <summary>
/// A token service (the distribution registry's <c>auth: token</c>, as Docker Hub runs one) on 127.0.0.1, for a real
/// registry to trust: GET /token?service=…&amp;scope=repository:NAME:ACTIONS… answers a JWT signed RS256 whose header carries
/// the signing certificate (x5c), a self-signed one the registry is given as its rootcertbundle. The policy is small:
/// <see cref="User"/> with <see cref="Password"/> (HTTP basic at the token endpoint) may pull and push everywhere; anyone
/// may pull repositories under <c>public/</c>; a wrong password is answered 401; a scope not allowed is left out of the
/// token (the registry then refuses the request). Every request is recorded with the access it was granted.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string User = "tokenuser";
    public const string Password = "t0ken-Pass";
    public const string Issuer = "slim-test-issuer";
    public const string Service = "slim-test-registry";
    public const string PublicPrefix = "public/";

    private readonly LoopbackHttpServer _server;
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly List<TokenRequest> _requests = [];

    public TokenServer(string certificatePath)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        var request = new CertificateRequest("CN=slim test token issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(certificatePath, _certificate.ExportCertificatePem() + "\n");
        CertificatePath = certificatePath;
        _server = new LoopbackHttpServer(AnswerAsync);
    }

    public int Port => _server.Port;

    /// <summary>The realm the registry names in its challenge.</summary>
    public string Realm => $"http://127.0.0.1:{Port}/token";

    /// <summary>The PEM of the signing certificate: the registry's rootcertbundle.</summary>
    public string CertificatePath { get; }

    /// <summary>Every token request so far, in order.</summary>
    public IReadOnlyList<TokenRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        var scopes = query.GetValues("scope")?.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList() ?? [];
        var (account, authenticated) = Account(context.Request.Headers["Authorization"]);
        if (context.Request.Url?.AbsolutePath != "/token" || query["service"] != Service)
        {
            Record(new TokenRequest(account, scopes, [], 400));
            await WriteAsync(context, 400, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"GET /token?service=" + Service + " only\"}]}");
            return;
        }

        if (account is not null && !authenticated)
        {
            Record(new TokenRequest(account, scopes, [], 401));
            context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"slim test token service\"");
            await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"wrong user name or password\"}]}");
            return;
        }

        var granted = scopes.Select(s => Grant(s, account)).OfType<GrantedAccess>().ToList();
        Record(new TokenRequest(account, scopes, granted, 200));
        var token = Sign(account ?? "", granted);
        var now = DateTimeOffset.UtcNow;
        await WriteAsync(context, 200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["token"] = token,
            ["access_token"] = token,
            ["expires_in"] = 300,
            ["issued_at"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>The user of a Basic header and whether the password is right; (null, false) when none was sent.</summary>
    private static (string? Account, bool Authenticated) Account(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, false);
        }

        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return ("", false);
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? pair : pair[..colon];
        return (user, colon >= 0 && user == User && pair[(colon + 1)..] == Password);
    }

    /// <summary>What of a requested scope the policy allows: null when nothing is.</summary>
    private static GrantedAccess? Grant(string scope, string? account)
    {
        var parts = scope.Split(':');
        if (parts.Length < 3 || parts[0] != "repository")
        {
            return null;
        }

        // a repository name with a port-like colon does not occur here; the actions are the last part
        var name = string.Join(':', parts[1..^1]);
        var asked = parts[^1].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var allowed = asked.Where(a => account is not null ? a is "pull" or "push" : a == "pull" && name.StartsWith(PublicPrefix, StringComparison.Ordinal)).ToList();
        return allowed.Count == 0 ? null : new GrantedAccess("repository", name, allowed);
    }

    private string Sign(string subject, IReadOnlyList<GrantedAccess> access)
    {
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access.Select(a => new Dictionary<string, object> { ["type"] = a.Type, ["name"] = a.Name, ["actions"] = a.Actions }).ToList(),
        };
        var signed = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void Record(TokenRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
        _key.Dispose();
    }
}
