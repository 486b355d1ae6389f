using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that writes its responses byte for byte, so a test can leave out
/// headers (Content-Type above all) that HttpListener always adds. One request per connection.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, RawHttpResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];

    /// <param name="respond">Gives the response to a request target (path and query) of a GET or HEAD.</param>
    public RawHttpServer(Func<string, RawHttpResponse> respond)
    {
        _respond = respond;
        _listener.Start();
        Root = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Root { get; }

    /// <summary>"METHOD target" of every request served, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var requestLine = head.Split("\r\n", 2)[0].Split(' ');
                var (method, target) = (requestLine[0], requestLine[1]);
                lock (_requests)
                {
                    _requests.Add($"{method} {target}");
                }

                var response = _respond(target);
                var text = new StringBuilder($"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n");
                foreach (var (name, value) in response.Headers)
                {
                    text.Append(name).Append(": ").Append(value).Append("\r\n");
                }

                text.Append($"Content-Length: {response.Body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
                if (method != "HEAD")
                {
                    await stream.WriteAsync(response.Body);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 65536 && await stream.ReadAsync(one) == 1)
        {
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString([.. bytes]);
    }
}
