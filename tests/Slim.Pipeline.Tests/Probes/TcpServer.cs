using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>
/// A server on 127.0.0.1 that does one thing with every connection: closes it at once (as the engine's port proxy does
/// when nothing listens in the container), or reads a line and answers with fixed bytes (a RESP-like protocol).
/// </summary>
internal sealed class TcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _reply;
    private int _connections;

    /// <param name="reply">Null: close each connection as soon as it is accepted.</param>
    public TcpServer(string? reply)
    {
        _reply = reply;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

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

            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            if (_reply is null)
            {
                return;
            }

            try
            {
                var stream = client.GetStream();
                var buffer = new byte[4096];
                while (await stream.ReadAsync(buffer, _stop.Token) is > 0 and var read)
                {
                    if (Array.IndexOf(buffer, (byte)'\n', 0, read) >= 0)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(_reply), _stop.Token);
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
