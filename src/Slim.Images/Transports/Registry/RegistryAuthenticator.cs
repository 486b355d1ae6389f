using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// Answers one registry's <c>WWW-Authenticate</c> challenges: basic with the credentials found (--creds, --authfile,
/// ~/.docker/config.json), or a bearer token fetched from the realm for a scope (anonymously or with the credentials), kept
/// per scope. Safe to share between requests running at once (layers are fetched side by side). Refusals become <see cref="ImageException"/>s that name the registry, the repository and the realm.
/// </summary>
internal sealed class RegistryAuthenticator(string registry, RegistryOptions options, Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>> send)
{
    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> _authByScope = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _scopeGates = new(StringComparer.Ordinal);
    private readonly Lock _credentialsLock = new();
    private RegistryCredentials? _credentials;
    private bool _credentialsLooked;

    /// <summary>The last challenge the registry sent (the ping's, or a later 401's); null when it asks for no auth.</summary>
    public AuthChallenge? Challenge { get; set; }

    public static string Scope(string repository, string actions) => $"repository:{repository}:{actions}";

    /// <summary>The header already earned for a scope.</summary>
    public bool TryGet(string scope, out AuthenticationHeaderValue header) => _authByScope.TryGetValue(scope, out header!);

    /// <summary>
    /// The header for a scope: the one already earned, unless that is the one just <paramref name="refused"/>, else a fresh one.
    /// One request at a time per scope gets here, so requests side by side that all meet the challenge fetch one token, not
    /// one each.
    /// </summary>
    public async Task<AuthenticationHeaderValue> HeaderForAsync(AuthChallenge challenge, string scope, string repository, AuthenticationHeaderValue? refused, CancellationToken cancellationToken)
    {
        var gate = _scopeGates.GetOrAdd(scope, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_authByScope.TryGetValue(scope, out var earned) && !ReferenceEquals(earned, refused))
            {
                return earned;
            }

            return await AuthenticateAsync(challenge, scope, repository, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The header for a request with a body, which cannot be sent twice to learn a challenge: the push scope's (known from
    /// the POST that started the upload), or, with basic auth, any header earned (basic does not depend on the scope).
    /// </summary>
    public AuthenticationHeaderValue? ForBody(string repository) =>
        _authByScope.TryGetValue(Scope(repository, "pull,push"), out var auth) ? auth
        : Challenge?.IsBasic == true ? _authByScope.Values.FirstOrDefault()
        : null;

    /// <summary>The challenge of a 401 (bearer preferred to basic).</summary>
    public AuthChallenge ChallengeOf(HttpResponseMessage response)
    {
        var header = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        var challenges = AuthChallenge.ParseAll(header);
        return challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic)
            ?? throw new ImageException(ImageErrorReason.Unauthorized, registry, $"{registry} answers 401 without a usable WWW-Authenticate challenge ('{header}')");
    }

    private async Task<AuthenticationHeaderValue> AuthenticateAsync(AuthChallenge challenge, string scope, string repository, CancellationToken cancellationToken)
    {
        var credentials = Credentials();
        AuthenticationHeaderValue header;
        if (challenge.IsBasic)
        {
            if (credentials is null)
            {
                throw new ImageException(ImageErrorReason.Unauthorized, $"{registry}/{repository}",
                    $"{registry} asks for a user name and password (realm \"{challenge.Realm}\") for {repository}; give --creds USER:PASS, --authfile FILE, or log in (docker login {registry})");
            }

            header = new AuthenticationHeaderValue("Basic", credentials.BasicValue);
        }
        else if (challenge.IsBearer && challenge.Realm is { } realm)
        {
            header = new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(realm, challenge.Service, scope, credentials, repository, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            throw new ImageException(ImageErrorReason.Unauthorized, $"{registry}/{repository}", $"{registry} asks for \"{challenge.Scheme}\" authentication, which slim does not speak (Basic and Bearer only)");
        }

        _authByScope[scope] = header;
        return header;
    }

    public ImageException Unauthorized(string repository, string actions, string text, string? realm = null)
    {
        realm ??= Challenge?.Realm;
        var given = Credentials() is { } c ? $"the credentials for {c.Username} were refused" : "no credentials were given";
        var verb = actions.Contains("push", StringComparison.Ordinal) ? "push to" : "pull from";
        return new ImageException(ImageErrorReason.Unauthorized, $"{registry}/{repository}",
            $"{registry} refuses to let slim {verb} {repository}: unauthorized{(realm is null ? "" : $" (realm \"{realm}\")")}, {given}{text}; give --creds USER:PASS or --authfile FILE, or log in (docker login {registry})");
    }

    private async Task<string> FetchTokenAsync(string realm, string? service, string scope, RegistryCredentials? credentials, string repository, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, registry, $"{registry} names a token realm that is not a URL: {realm}");
        }

        var query = new List<string>();
        if (service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.AddRange(scope.Split(' ').Select(s => "scope=" + Uri.EscapeDataString(s)));
        if (credentials is not null)
        {
            query.Add("account=" + Uri.EscapeDataString(credentials.Username));
        }

        var request = new HttpRequestMessage(HttpMethod.Get, RegistryConnection.WithQuery(realmUri, string.Join('&', query)));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials.BasicValue);
        }

        using var response = await send(request, repository, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw Unauthorized(repository, scope, $" (the token service {realmUri.GetLeftPart(UriPartial.Path)} said {(int)response.StatusCode})", realm);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ImageException(ImageErrorReason.RegistryUnavailable, registry, $"the token service {realmUri.GetLeftPart(UriPartial.Path)} of {registry} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var bytes = await RegistryResponses.ReadLimitedAsync(response, 1 << 20, realm, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (document.RootElement.TryGetProperty(name, out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value)
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
            // reported below with the rest of the unusable answers
        }

        throw new ImageException(ImageErrorReason.InvalidFormat, registry, $"the token service {realmUri.GetLeftPart(UriPartial.Path)} of {registry} sent no token");
    }

    private RegistryCredentials? Credentials()
    {
        lock (_credentialsLock)
        {
            return LookUpCredentials();
        }
    }

    private RegistryCredentials? LookUpCredentials()
    {
        if (!_credentialsLooked)
        {
            var credentials = options.Credentials;
            if (credentials is null)
            {
                var path = options.AuthFile ?? DockerAuthFile.DefaultPath(options.DockerConfigDirectory);
                if (options.AuthFile is not null && !File.Exists(path))
                {
                    throw new ImageException(ImageErrorReason.InvalidReference, path, $"the auth file {path} (--authfile) does not exist");
                }

                credentials = File.Exists(path) ? DockerAuthFile.Find(path, registry) : null;
            }

            // remembered only once found: a lookup that failed fails again for the next request, never turns anonymous
            _credentials = credentials;
            _credentialsLooked = true;
        }

        return _credentials;
    }
}
