using System.Net;
using Slim.Testing;

namespace Slim.Images.Tests.Transports.Registry;

/// <summary>
/// An HttpListener on 127.0.0.1 that answers as a misbehaving registry would (429s, bytes that do not match their digest):
/// the failures a real registry does not produce on demand. Every request's method and path is recorded.
/// </summary>
internal sealed class FaultyRegistry : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly List<string> _requests = [];

    public FaultyRegistry(Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        _server = new LoopbackHttpServer(AnswerAsync);
    }

    public int Port => _server.Port;

    public string Host => _server.Host;

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

    private async Task AnswerAsync(HttpListenerContext context)
    {
        lock (_requests)
        {
            _requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
        }

        if (context.Request.Url!.AbsolutePath == "/v2/")
        {
            await WriteAsync(context, 200, "{}"u8.ToArray(), "application/json");
            return;
        }

        await _answer(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }
}
