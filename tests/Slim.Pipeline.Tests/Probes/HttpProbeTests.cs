using System.Net;
using System.Net.Sockets;
using System.Text;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>The probe against a real HTTP server on loopback (HttpListener), so requests really travel.</summary>
public sealed class HttpProbeTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _root;
    private readonly List<string> _served = [];

    public HttpProbeTests()
    {
        var port = FreePort();
        _root = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_root.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    [Fact]
    public async Task It_crawls_linked_pages_and_assets_asks_for_a_missing_page_and_runs_custom_commands()
    {
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { Commands = [HttpProbeCommand.Parse("POST /api/echo")] });

        Assert.True(await probe.WaitUntilReadyAsync(_root, null, CancellationToken.None));
        var results = await probe.RunAsync(_root, 8080, CancellationToken.None);

        string[] discovery = ["/robots.txt", "/sitemap.xml", .. HttpProbeOptions.WellKnownApiDocumentPaths];
        Assert.Equal(["/", .. discovery, "/about.html", "/style.css", "/bg.png", "/slim-probe/does-not-exist", "/api/echo"], results.Select(r => r.Path));
        Assert.Equal([200, .. discovery.Select(_ => 404), 200, 200, 200, 404, 201], results.Select(r => r.Status ?? 0));
        Assert.Equal("POST", results[^1].Method);
        Assert.All(results, r => Assert.Equal(8080, r.Port)); // the container's port, not the published one
        Assert.All(results, r => Assert.NotNull(r.BodySha256));
    }

    [Fact]
    public async Task The_crawl_stops_at_its_request_budget()
    {
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { MaxRequests = 2 });

        var results = await probe.RunAsync(_root, 8080, CancellationToken.None);

        Assert.Equal(["/", "/robots.txt", "/slim-probe/does-not-exist"], results.Select(r => r.Path)); // two requests of the crawl, then the missing page
    }

    [Fact]
    public async Task Waiting_for_a_port_nobody_listens_on_gives_up()
    {
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { ReadyTimeout = TimeSpan.FromSeconds(1) });

        Assert.False(await probe.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{FreePort()}/"), null, CancellationToken.None));
    }

    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (_served)
            {
                _served.Add(path);
            }

            var (status, type, body) = path switch
            {
                "/" => (200, "text/html", """<a href="about.html">a</a><link href="/style.css">"""),
                "/about.html" => (200, "text/html", """<a href="/">home</a><a href="http://elsewhere.example/">x</a>"""),
                "/style.css" => (200, "text/css", "body{background:url(bg.png)}"),
                "/bg.png" => (200, "image/png", "PNG"),
                "/api/echo" when context.Request.HttpMethod == "POST" => (201, "application/json", "{}"),
                _ => (404, "text/html", "<h1>not here</h1>"),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
