using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// A small client of one registry's OCI distribution API (/v2/): the ping, auth as the <c>WWW-Authenticate</c> challenge asks
/// (anonymous or credentialed bearer tokens scoped per repository, or basic), manifests, blobs streamed and checked, uploads.
/// Every failure is an <see cref="ImageException"/> that names the registry and the repository and says what to do.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private const long ManifestLimit = 4 << 20;

    private static readonly string[] ManifestTypes =
    [
        MediaType.OciIndex.Value, MediaType.OciManifest.Value, MediaType.DockerManifestList.Value, MediaType.DockerManifest.Value,
    ];

    private readonly HttpClient _http;
    private readonly RegistryOptions _options;
    private readonly Dictionary<string, AuthenticationHeaderValue> _authByScope = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _pingLock = new(1, 1);
    private Uri? _base;
    private AuthChallenge? _challenge;
    private RegistryCredentials? _credentials;
    private bool _credentialsLooked;

    public RegistryClient(string registry, RegistryOptions? options = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _options = options ?? RegistryOptions.Default;
        _http = new HttpClient(handler ?? RegistryHttpHandler.Create(registry, _options)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("slim", "1"));
    }

    /// <summary>The registry as named in the reference (<c>docker.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>Docker Hub's API is not at docker.io itself.</summary>
    public string Host => Registry == ImageReference.DefaultDomain ? "registry-1.docker.io" : Registry;

    /// <summary>The scheme and host in use once pinged (https, or http with --tls-verify=false and a plain registry).</summary>
    public Uri? BaseAddress => _base;

    /// <summary>GET /v2/: finds the scheme and the auth challenge. Called by every request; does the work once.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (_base is not null)
        {
            return;
        }

        await _pingLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_base is not null)
            {
                return;
            }

            var https = new Uri($"https://{Host}/");
            Uri chosen;
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(https, "v2/")), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                chosen = https;
            }
            catch (HttpRequestException e) when (!_options.TlsVerify && RegistryResponses.IsTlsFailure(e))
            {
                // --tls-verify=false: a registry that does not speak TLS is spoken to in plain HTTP, as skopeo does
                var http = new Uri($"http://{Host}/");
                response = await SendMappedAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(http, "v2/")), "", cancellationToken).ConfigureAwait(false);
                chosen = http;
            }
            catch (HttpRequestException e)
            {
                throw Unreachable(e, "");
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _challenge = ChallengeOf(response);
                }
                else if (!response.IsSuccessStatusCode)
                {
                    throw new ImageException(ImageErrorReason.RegistryUnavailable, Registry,
                        $"{Registry} does not answer as a registry (GET /v2/ gave {(int)response.StatusCode} {response.ReasonPhrase}); check the host and port");
                }
            }

            _base = chosen;
        }
        finally
        {
            _pingLock.Release();
        }
    }

    /// <summary>A manifest or index by tag or digest: its exact bytes, media type and digest (checked when asked by digest).</summary>
    public async Task<(byte[] Bytes, MediaType MediaType, Digest Digest)> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, RepositoryUri(repository, "manifests/" + reference));
                foreach (var type in ManifestTypes)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }

                return request;
            },
            repository,
            "pull",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);
        var subject = $"{Registry}/{repository}:{reference}".Replace(":sha256:", "@sha256:", StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, subject,
                $"{Registry} has no image {repository}{(reference.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{reference}{await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false)}; check the repository and tag (skopeo list-tags docker://{Registry}/{repository} lists the tags)");
        }

        await EnsureSuccessAsync(response, repository, $"get manifest {reference}", cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > ManifestLimit)
        {
            throw new ImageException(ImageErrorReason.TooLarge, subject, $"{subject}: the manifest is {response.Content.Headers.ContentLength} bytes; over {ManifestLimit} is refused");
        }

        var bytes = await RegistryResponses.ReadLimitedAsync(response, ManifestLimit, subject, cancellationToken).ConfigureAwait(false);
        var digest = Digest.Compute(bytes);
        if (Digest.TryParse(reference, out var wanted) && wanted != digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, subject, $"{subject}: the registry sent a manifest whose digest is {digest}, not the {wanted} asked for; the registry's content is corrupt or tampered with");
        }

        if (response.Headers.TryGetValues("Docker-Content-Digest", out var said) && Digest.TryParse(said.FirstOrDefault(), out var announced) && announced.Algorithm == "sha256" && announced != digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, subject, $"{subject}: the manifest's bytes hash to {digest} but the registry says {announced}");
        }

        var type = response.Content.Headers.ContentType?.MediaType is { Length: > 0 } header && header != "application/json" ? new MediaType(header) : RegistryResponses.SniffType(bytes, subject);
        return (bytes, type, digest);
    }

    /// <summary>HEAD of a blob: true when the repository holds it.</summary>
    public async Task<bool> BlobExistsAsync(string repository, Digest digest, string actions, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, RepositoryUri(repository, "blobs/" + digest)), repository, actions, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, repository, $"check blob {digest}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A blob as a stream that checks its size and digest as it is read (the registry's redirects followed).</summary>
    public async Task<Stream> OpenBlobAsync(string repository, Descriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, RepositoryUri(repository, "blobs/" + blob.Digest)), repository, "pull", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ImageException(ImageErrorReason.BlobMissing, blob.Digest.ToString(),
                    $"{Registry}/{repository} has no blob {blob.Digest}, which its manifest names; the image in the registry is incomplete (push it again)");
            }

            await EnsureSuccessAsync(response, repository, $"get blob {blob.Digest}", cancellationToken).ConfigureAwait(false);
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyingReadStream(new ResponseStream(content, response), blob.Digest, blob.Size, $"{Registry}/{repository}: blob {blob.Digest}");
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts an upload (POST …/blobs/uploads/). With <paramref name="mountFrom"/>, first asks to mount the blob from that
    /// repository of the same registry: null when the registry mounted it (nothing to upload), else the upload's location.
    /// </summary>
    public async Task<Uri?> StartUploadAsync(string repository, Digest? mount, string? mountFrom, CancellationToken cancellationToken)
    {
        var query = mount is { } digest && mountFrom is not null ? $"?mount={digest}&from={Uri.EscapeDataString(mountFrom)}" : "";
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, RepositoryUri(repository, "blobs/uploads/" + query)) { Content = new ByteArrayContent([]) },
            repository,
            "pull,push",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken,
            mountFrom).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && query.Length > 0)
        {
            return null;
        }

        await EnsureSuccessAsync(response, repository, "start a blob upload", cancellationToken).ConfigureAwait(false);
        return UploadLocation(response, repository);
    }

    /// <summary>PUT …?digest=: the whole blob in one request (monolithic), or none (<paramref name="content"/> null) to finish a chunked upload.</summary>
    public async Task FinishUploadAsync(string repository, Uri location, Digest digest, Stream? content, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(location, "digest=" + Uri.EscapeDataString(digest.ToString())));
        // the caller owns the stream (it reads the digest or the check off it afterwards): the request must not dispose it
        request.Content = content is null ? new ByteArrayContent([]) : new StreamContent(new PrefixedStream(ReadOnlyMemory<byte>.Empty, content, leaveOpen: true), 1 << 16);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = content is null ? 0 : size;
        using var response = await SendBodyAsync(request, repository, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && (await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false)).Contains("DIGEST_INVALID", StringComparison.Ordinal))
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, digest.ToString(), $"{Registry}/{repository}: the registry refused blob {digest}: the bytes sent do not hash to it; nothing was tagged");
        }

        await EnsureSuccessAsync(response, repository, $"upload blob {digest}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PATCH: streams <paramref name="content"/> into an upload (a chunk of unknown digest); returns the next location.</summary>
    public async Task<Uri> PatchUploadAsync(string repository, Uri location, Stream content, long size, long offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StreamContent(new PrefixedStream(ReadOnlyMemory<byte>.Empty, content, leaveOpen: true), 1 << 16) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = size;
        if (size > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + size - 1}");
        }

        using var response = await SendBodyAsync(request, repository, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, repository, "upload a chunk", cancellationToken).ConfigureAwait(false);
        return UploadLocation(response, repository);
    }

    /// <summary>PUT …/manifests/REF: returns the digest the registry stored it under (checked against the bytes).</summary>
    public async Task<Digest> PutManifestAsync(string repository, string reference, MediaType mediaType, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var digest = Digest.Compute(bytes.Span);
        var content = bytes.ToArray();
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, RepositoryUri(repository, "manifests/" + reference)) { Content = new ByteArrayContent(content) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType.Value);
                return request;
            },
            repository,
            "pull,push",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ImageException(text.Contains("BLOB_UNKNOWN", StringComparison.Ordinal) ? ImageErrorReason.BlobMissing : ImageErrorReason.InvalidFormat, $"{Registry}/{repository}:{reference}",
                $"{Registry}/{repository}: the registry refused the manifest for {reference}{text}");
        }

        await EnsureSuccessAsync(response, repository, $"push manifest {reference}", cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var said) && Digest.TryParse(said.FirstOrDefault(), out var stored) && stored != digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, $"{Registry}/{repository}:{reference}", $"{Registry}/{repository}: the registry stored the manifest as {stored}, but its bytes hash to {digest}");
        }

        return digest;
    }

    public void Dispose()
    {
        _http.Dispose();
        _pingLock.Dispose();
    }

    /// <summary>
    /// Sends a request made by <paramref name="make"/> (made again for every try), authenticated for the repository: on a 401
    /// it answers the challenge once and tries again; on 429 or 503 it waits as Retry-After says (or backs off) and tries again.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, string repository, string actions, HttpCompletionOption completion, CancellationToken cancellationToken, string? alsoPullFrom = null)
    {
        await PingAsync(cancellationToken).ConfigureAwait(false);
        var scope = Scope(repository, actions) + (alsoPullFrom is null ? "" : " " + Scope(alsoPullFrom, "pull"));
        var answered = false;
        for (var attempt = 0; ; attempt++)
        {
            var request = make();
            if (_authByScope.TryGetValue(scope, out var auth))
            {
                request.Headers.Authorization = auth;
            }
            else if (_challenge is not null && !answered)
            {
                request.Headers.Authorization = await AuthenticateAsync(_challenge, scope, repository, cancellationToken).ConfigureAwait(false);
                answered = true;
            }

            var response = await SendMappedAsync(request, repository, cancellationToken, completion).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !answered)
            {
                // a challenge naming the scope the registry wants (it may differ from the ping's)
                _challenge = ChallengeOf(response);
                _authByScope.Remove(scope);
                response.Dispose();
                answered = true;
                var fresh = make();
                fresh.Headers.Authorization = await AuthenticateAsync(_challenge, scope, repository, cancellationToken).ConfigureAwait(false);
                response = await SendMappedAsync(fresh, repository, cancellationToken, completion).ConfigureAwait(false);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw Unauthorized(repository, actions, text);
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                if (attempt >= _options.MaxRetries)
                {
                    var status = (int)response.StatusCode;
                    response.Dispose();
                    throw new ImageException(ImageErrorReason.RegistryUnavailable, $"{Registry}/{repository}",
                        status == 429
                            ? $"{Registry} keeps rate-limiting requests for {repository} (HTTP 429, {attempt + 1} tries); wait and try again, or log in (--creds) for a higher limit"
                            : $"{Registry} is unavailable for {repository} (HTTP 503 after {attempt + 1} tries); try again later");
                }

                var delay = RetryDelay(response, attempt);
                response.Dispose();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    /// <summary>A request with a body that cannot be sent twice: the scope's auth is already known from the POST that started the upload.</summary>
    private async Task<HttpResponseMessage> SendBodyAsync(HttpRequestMessage request, string repository, CancellationToken cancellationToken)
    {
        if (_authByScope.TryGetValue(Scope(repository, "pull,push"), out var auth))
        {
            request.Headers.Authorization = auth;
        }
        else if (_authByScope.Values.FirstOrDefault() is { } any && _challenge?.IsBasic == true)
        {
            request.Headers.Authorization = any;
        }

        var response = await SendMappedAsync(request, repository, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw Unauthorized(repository, "pull,push", text);
        }

        return response;
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var asked = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => TimeSpan.FromTicks(_options.FirstRetryDelay.Ticks << Math.Min(attempt, 16)),
        };
        return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > _options.MaxRetryDelay ? _options.MaxRetryDelay : asked;
    }

    private async Task<AuthenticationHeaderValue> AuthenticateAsync(AuthChallenge challenge, string scope, string repository, CancellationToken cancellationToken)
    {
        var credentials = Credentials();
        AuthenticationHeaderValue header;
        if (challenge.IsBasic)
        {
            if (credentials is null)
            {
                throw new ImageException(ImageErrorReason.Unauthorized, $"{Registry}/{repository}",
                    $"{Registry} asks for a user name and password (realm \"{challenge.Realm}\") for {repository}; give --creds USER:PASS, --authfile FILE, or log in (docker login {Registry})");
            }

            header = new AuthenticationHeaderValue("Basic", credentials.BasicValue);
        }
        else if (challenge.IsBearer && challenge.Realm is { } realm)
        {
            header = new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(realm, challenge.Service, scope, credentials, repository, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            throw new ImageException(ImageErrorReason.Unauthorized, $"{Registry}/{repository}", $"{Registry} asks for \"{challenge.Scheme}\" authentication, which slim does not speak (Basic and Bearer only)");
        }

        _authByScope[scope] = header;
        return header;
    }

    private async Task<string> FetchTokenAsync(string realm, string? service, string scope, RegistryCredentials? credentials, string repository, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, Registry, $"{Registry} names a token realm that is not a URL: {realm}");
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

        var request = new HttpRequestMessage(HttpMethod.Get, WithQuery(realmUri, string.Join('&', query)));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials.BasicValue);
        }

        using var response = await SendMappedAsync(request, repository, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw Unauthorized(repository, scope, $" (the token service {realmUri.GetLeftPart(UriPartial.Path)} said {(int)response.StatusCode})", realm);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ImageException(ImageErrorReason.RegistryUnavailable, Registry, $"the token service {realmUri.GetLeftPart(UriPartial.Path)} of {Registry} answered {(int)response.StatusCode} {response.ReasonPhrase}");
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

        throw new ImageException(ImageErrorReason.InvalidFormat, Registry, $"the token service {realmUri.GetLeftPart(UriPartial.Path)} of {Registry} sent no token");
    }

    private RegistryCredentials? Credentials()
    {
        if (!_credentialsLooked)
        {
            _credentialsLooked = true;
            _credentials = _options.Credentials;
            if (_credentials is null)
            {
                var path = _options.AuthFile ?? DockerAuthFile.DefaultPath(_options.DockerConfigDirectory);
                if (_options.AuthFile is not null && !File.Exists(path))
                {
                    throw new ImageException(ImageErrorReason.InvalidReference, path, $"the auth file {path} (--authfile) does not exist");
                }

                _credentials = File.Exists(path) ? DockerAuthFile.Find(path, Registry) : null;
            }
        }

        return _credentials;
    }

    private ImageException Unauthorized(string repository, string actions, string text, string? realm = null)
    {
        realm ??= _challenge?.Realm;
        var given = Credentials() is { } c ? $"the credentials for {c.Username} were refused" : "no credentials were given";
        var verb = actions.Contains("push", StringComparison.Ordinal) ? "push to" : "pull from";
        return new ImageException(ImageErrorReason.Unauthorized, $"{Registry}/{repository}",
            $"{Registry} refuses to let slim {verb} {repository}: unauthorized{(realm is null ? "" : $" (realm \"{realm}\")")}, {given}{text}; give --creds USER:PASS or --authfile FILE, or log in (docker login {Registry})");
    }

    private async Task<HttpResponseMessage> SendMappedAsync(HttpRequestMessage request, string repository, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseHeadersRead)
    {
        try
        {
            return await SendOnceAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e, repository);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (RegistryResponses.Inner<ImageException>(e) is { } image)
        {
            // the content stream of an upload refused its own bytes (wrong digest or size): that, not the transport, is the failure
            throw image;
        }
    }

    private ImageException Unreachable(HttpRequestException e, string repository)
    {
        var what = RegistryResponses.Inner<SocketException>(e) is { } socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "the connection was refused: is the registry running, and is the port right?",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve: check the registry's name",
            SocketError.TimedOut => "the connection timed out: check the host, the port and the network",
            _ => socket.Message,
        }
        : RegistryResponses.IsTlsFailure(e)
            ? $"TLS failed ({RegistryResponses.Inner<AuthenticationException>(e)?.Message ?? e.Message}): give --cert-dir DIR with the registry's CA certificate, or --tls-verify=false for a plain-HTTP or self-signed registry"
            : e.Message;
        return new ImageException(ImageErrorReason.RegistryUnavailable, Registry, $"cannot reach registry {Registry}{(repository.Length == 0 ? "" : $" (repository {repository})")}: {what}", e);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string repository, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
        var reason = response.StatusCode switch
        {
            HttpStatusCode.NotFound => ImageErrorReason.ImageNotFound,
            HttpStatusCode.Forbidden => ImageErrorReason.Unauthorized,
            >= HttpStatusCode.InternalServerError => ImageErrorReason.RegistryUnavailable,
            _ => ImageErrorReason.InvalidFormat,
        };
        var advice = response.StatusCode == HttpStatusCode.Forbidden ? "; the credentials lack the permission: use an account that has it" : "";
        throw new ImageException(reason, $"{Registry}/{repository}", $"{Registry}/{repository}: {what} failed: {(int)response.StatusCode} {response.ReasonPhrase}{text}{advice}");
    }

    private AuthChallenge ChallengeOf(HttpResponseMessage response)
    {
        var header = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        var challenges = AuthChallenge.ParseAll(header);
        return challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic)
            ?? throw new ImageException(ImageErrorReason.Unauthorized, Registry, $"{Registry} answers 401 without a usable WWW-Authenticate challenge ('{header}')");
    }

    private Uri UploadLocation(HttpResponseMessage response, string repository)
    {
        var location = response.Headers.Location
            ?? throw new ImageException(ImageErrorReason.InvalidFormat, $"{Registry}/{repository}", $"{Registry}/{repository}: the registry started an upload without a Location");
        return location.IsAbsoluteUri ? location : new Uri(_base!, location);
    }

    private Uri RepositoryUri(string repository, string rest) => new(_base!, $"v2/{repository}/{rest}");

    private static Uri WithQuery(Uri uri, string query) =>
        new(uri.ToString() + (uri.Query.Length > 0 ? "&" : "?") + query);

    private static string Scope(string repository, string actions) => $"repository:{repository}:{actions}";
}
