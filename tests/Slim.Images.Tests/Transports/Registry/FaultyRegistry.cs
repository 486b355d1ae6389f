using System.Net;
using Slim.Testing;

namespace Slim.Images.Tests.Transports.Registry;

/// <summary>
/// An HttpListener on 127.0.0.1 that answers as a misbehaving registry would (429s, bytes that do not match their digest):
/// the failures a real registry does not produce on demand. Every request's method and path is recorded.
/// </summary>
internal sealed class FaultyRegistry : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly Task _loop;
    private readonly List<string> _requests = [];

    public FaultyRegistry(Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        Port = RegistryServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task WriteAsync(HttpListenerContext context, int status, byte[]? body = null, string? contentType = null)
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        body ??= [];
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
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

            lock (_requests)
            {
                _requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
            }

            if (context.Request.Url!.AbsolutePath == "/v2/")
            {
                await WriteAsync(context, 200, "{}"u8.ToArray(), "application/json");
                continue;
            }

            await _answer(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        _listener.Close();
    }
}
