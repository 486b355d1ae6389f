using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>When a published port counts as up, and what it speaks: real sockets on loopback.</summary>
public sealed class PortReadinessTests
{
    [Fact]
    public async Task A_port_whose_connections_are_closed_at_once_is_not_up_as_the_proxy_does_for_nobody_inside()
    {
        using var proxy = new TcpServer(reply: null);

        Assert.False(await TcpReadiness.AnswersAsync("127.0.0.1", proxy.Port, CancellationToken.None));
        Assert.Equal(1, proxy.Connections); // it did accept: only the close tells it apart
    }

    [Fact]
    public async Task A_port_whose_server_keeps_the_connection_open_is_up()
    {
        using var server = new TcpServer(reply: "+PONG\r\n");

        Assert.True(await TcpReadiness.AnswersAsync("127.0.0.1", server.Port, CancellationToken.None));
    }

    [Fact]
    public async Task A_port_nobody_accepts_on_is_not_up_and_waiting_for_it_gives_up()
    {
        var port = FreePort();

        Assert.False(await TcpReadiness.AnswersAsync("127.0.0.1", port, CancellationToken.None));
        Assert.False(await TcpReadiness.WaitAsync("127.0.0.1", port, TimeSpan.FromSeconds(1), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_server_that_answers_http_with_another_protocol_is_tcp_after_the_retries_and_soon()
    {
        using var server = new TcpServer(reply: "-ERR unknown command 'GET'\r\n");
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { RetryCount = 2, RetryWait = TimeSpan.FromMilliseconds(100) });
        var clock = Stopwatch.StartNew();

        var answer = await probe.WaitForAnswerAsync(new Uri($"http://127.0.0.1:{server.Port}/"), null, CancellationToken.None);

        Assert.Equal(PortAnswer.Tcp, answer);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // One readiness connection and one HTTP request per attempt: the first and two retries.
        Assert.Equal(6, server.Connections);
    }

    [Fact]
    public async Task A_port_only_the_proxy_accepts_on_is_no_answer_not_tcp()
    {
        using var proxy = new TcpServer(reply: null);
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { ReadyTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(PortAnswer.None, await probe.WaitForAnswerAsync(new Uri($"http://127.0.0.1:{proxy.Port}/"), null, CancellationToken.None));
    }

    [Fact]
    public async Task An_http_server_is_http()
    {
        using var server = new RawHttpServer(_ => new RawHttpResponse(200, [("Content-Type", "text/plain")], "ok"u8.ToArray()));
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions());

        Assert.Equal(PortAnswer.Http, await probe.WaitForAnswerAsync(server.Root, null, CancellationToken.None));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
