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

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly string _registry;
    private readonly List<ProxiedRequest> _requests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private bool _limited;

    public RegistryFaultProxy(string registryHost)
    {
        _registry = registryHost;
        Port = RegistryServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Host => $"127.0.0.1:{Port}";

    public int Port { get; }

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

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // answered concurrently: the client runs requests in parallel
            _ = Task.Run(async () =>
            {
                try
                {
                    await AnswerAsync(context);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException)
                {
                    context.Response.Abort();
                }
            });
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
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
