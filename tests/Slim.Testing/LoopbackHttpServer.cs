using System.Net;

namespace Slim.Testing;

/// <summary>
/// An HttpListener on 127.0.0.1 at a free port that hands each request to a handler: in order of arrival, or, with
/// <c>concurrent</c>, each on its own task (for clients that send requests side by side and a handler that waits on
/// another server). A client that goes away mid-answer costs only its own answer. Any other failure of the handler aborts
/// its answer (so the client does not wait forever) and is thrown again by <see cref="DisposeAsync"/>, failing the test.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly bool _concurrent;
    private readonly Task _loop;
    private Exception? _failure;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> answer, bool concurrent = false)
    {
        _answer = answer;
        _concurrent = concurrent;
        Port = RegistryServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

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

            if (_concurrent)
            {
                _ = Task.Run(() => AnswerAsync(context));
            }
            else
            {
                await AnswerAsync(context);
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await _answer(context);
        }
        catch (Exception e)
        {
            // the client went away or the server is stopping (nothing more to answer), or the handler broke (kept)
            if (e is not (HttpListenerException or IOException or HttpRequestException or ObjectDisposedException))
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }

            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
