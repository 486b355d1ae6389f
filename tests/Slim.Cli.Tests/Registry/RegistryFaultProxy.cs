using System.Diagnostics;
using System.Net;
using Slim.Testing;

namespace Slim.Cli.Tests.Registry;

/// <summary>
/// A plain-HTTP proxy on 127.0.0.1 in front of a real registry, adding the faults a real registry does not make on demand:
/// the first request matching <see cref="RateLimit"/> is answered 429 with <c>Retry-After</c> (then passed on), and a
/// request body matching <see cref="Corrupt"/> has one byte flipped on its way. Everything else goes through as it came
/// (the Host header kept, so the registry's upload locations name the proxy). Every request is recorded with when it came
/// and what it was answered.
/// </summary>
internal sealed class RegistryFaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Expect",
    };

    private readonly LoopbackHttpServer _server;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly string _registry;
    private readonly List<ProxiedRequest> _requests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _limited;

    public RegistryFaultProxy(string registryHost)
    {
        _registry = registryHost;
        // answered side by side: the client runs requests in parallel
        _server = new LoopbackHttpServer(AnswerAsync, concurrent: true);
    }

    public string Host => _server.Host;

    public int Port => _server.Port;

    /// <summary>"METHOD /path" of the request to answer 429 once (null: none).</summary>
    public Func<string, bool>? RateLimit { get; set; }

    /// <summary>The Retry-After sent with the 429, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>"METHOD /path" of the requests whose body is corrupted on the way (null: none).</summary>
    public Func<string, bool>? Corrupt { get; set; }

    public IReadOnlyList<ProxiedRequest> Requests
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
        var request = context.Request;
        var line = $"{request.HttpMethod} {request.Url!.AbsolutePath}";
        var at = _clock.Elapsed;
        if (RateLimit is { } limit && limit(line) && !Interlocked.Exchange(ref _limited, true))
        {
            Record(new ProxiedRequest(line, at, 429));
            context.Response.StatusCode = 429;
            context.Response.AddHeader("Retry-After", RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Response.ContentLength64 = 0;
            context.Response.Close();
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://{_registry}{request.Url.PathAndQuery}");
        if (request.HttpMethod is "PUT" or "PATCH" or "POST")
        {
            using var buffer = new MemoryStream();
            await request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (Corrupt is { } corrupt && corrupt(line) && body.Length > 0)
            {
                body[body.Length / 2] ^= 0xff;
            }

            forward.Content = new ByteArrayContent(body);
        }

        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !NotForwarded.Contains(n)))
        {
            var value = request.Headers[name]!;
            if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        forward.Headers.Host = Host;
        using var answer = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
        Record(new ProxiedRequest(line, at, (int)answer.StatusCode));
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                context.Response.AddHeader(name, string.Join(", ", values));
            }
        }

        if (answer.Content.Headers.ContentLength is { } length)
        {
            context.Response.ContentLength64 = length;
        }

        if (request.HttpMethod != "HEAD")
        {
            await using var content = await answer.Content.ReadAsStreamAsync();
            await content.CopyToAsync(context.Response.OutputStream);
        }

        context.Response.Close();
    }

    private void Record(ProxiedRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _upstream.Dispose();
    }
}
