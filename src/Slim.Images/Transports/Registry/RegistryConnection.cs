using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// The HTTP side of one registry: the v2 ping (which finds the scheme and the challenge), requests authenticated for a
/// repository's scope with a 401 answered once, 429 and 503 waited out as Retry-After says, and transport and status
/// failures turned into <see cref="ImageException"/>s that name the registry and say what to do.
/// </summary>
internal sealed class RegistryConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryOptions _options;
    private readonly SemaphoreSlim _pingLock = new(1, 1);
    private Uri? _base;

    public RegistryConnection(string registry, string host, RegistryOptions options, HttpMessageHandler handler)
    {
        Registry = registry;
        Host = host;
        _options = options;
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("slim", "1"));
        Auth = new RegistryAuthenticator(registry, options, (request, repository, ct) => SendMappedAsync(request, repository, ct));
    }

    public string Registry { get; }

    public string Host { get; }

    public RegistryAuthenticator Auth { get; }

    /// <summary>The scheme and host in use once pinged.</summary>
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
                    Auth.Challenge = Auth.ChallengeOf(response);
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

    /// <summary>
    /// Sends a request made by <paramref name="make"/> (made again for every try), authenticated for the repository: on a 401
    /// it answers the challenge once and tries again; on 429 or 503 it waits as Retry-After says (or backs off) and tries again.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, string repository, string actions, HttpCompletionOption completion, CancellationToken cancellationToken, string? alsoPullFrom = null)
    {
        await PingAsync(cancellationToken).ConfigureAwait(false);
        var scope = RegistryAuthenticator.Scope(repository, actions) + (alsoPullFrom is null ? "" : " " + RegistryAuthenticator.Scope(alsoPullFrom, "pull"));
        var answered = false;
        for (var attempt = 0; ; attempt++)
        {
            var request = make();
            if (Auth.TryGet(scope, out var auth))
            {
                request.Headers.Authorization = auth;
            }
            else if (Auth.Challenge is { } challenge && !answered)
            {
                request.Headers.Authorization = await Auth.HeaderForAsync(challenge, scope, repository, null, cancellationToken).ConfigureAwait(false);
                answered = true;
            }

            var sent = request.Headers.Authorization; // read now: a handler following a redirect clears it
            var response = await SendMappedAsync(request, repository, cancellationToken, completion).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !answered)
            {
                // a challenge naming the scope the registry wants (it may differ from the ping's)
                var challenge = Auth.ChallengeOf(response);
                Auth.Challenge = challenge;
                response.Dispose();
                answered = true;
                var fresh = make();
                fresh.Headers.Authorization = await Auth.HeaderForAsync(challenge, scope, repository, sent, cancellationToken).ConfigureAwait(false);
                response = await SendMappedAsync(fresh, repository, cancellationToken, completion).ConfigureAwait(false);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw Auth.Unauthorized(repository, actions, text);
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
    public async Task<HttpResponseMessage> SendBodyAsync(HttpRequestMessage request, string repository, CancellationToken cancellationToken)
    {
        if (Auth.ForBody(repository) is { } auth)
        {
            request.Headers.Authorization = auth;
        }

        var response = await SendMappedAsync(request, repository, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw Auth.Unauthorized(repository, "pull,push", text);
        }

        return response;
    }

    public async Task EnsureSuccessAsync(HttpResponseMessage response, string repository, string what, CancellationToken cancellationToken)
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

    public Uri UploadLocation(HttpResponseMessage response, string repository)
    {
        var location = response.Headers.Location
            ?? throw new ImageException(ImageErrorReason.InvalidFormat, $"{Registry}/{repository}", $"{Registry}/{repository}: the registry started an upload without a Location");
        return location.IsAbsoluteUri ? location : new Uri(_base!, location);
    }

    public Uri RepositoryUri(string repository, string rest) => new(_base!, $"v2/{repository}/{rest}");

    public static Uri WithQuery(Uri uri, string query) =>
        new(uri.ToString() + (uri.Query.Length > 0 ? "&" : "?") + query);

    public void Dispose()
    {
        _http.Dispose();
        _pingLock.Dispose();
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
}
