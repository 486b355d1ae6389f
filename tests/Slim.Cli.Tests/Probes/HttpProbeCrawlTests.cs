using Slim.Cli.Probes;

namespace Slim.Cli.Tests.Probes;

/// <summary>The crawl against servers that answer the way small real servers do (raw bytes over a loopback socket).</summary>
public sealed class HttpProbeCrawlTests
{
    [Fact]
    public async Task A_page_served_without_a_content_type_is_still_crawled()
    {
        // Java's built-in HttpServer sends no Content-Type unless the app sets one.
        using var server = new RawHttpServer(target => target switch
        {
            "/" => RawHttpResponse.Text(200, "<!doctype html><title>t</title><a href=\"/tls\">tls</a>"),
            "/tls" => RawHttpResponse.Text(200, "ok"),
            _ => RawHttpResponse.NotFound(),
        });
        using var http = NewClient();

        var results = await new HttpProbe(http, new HttpProbeOptions()).RunAsync(server.Root, 8000, CancellationToken.None);

        Assert.Contains(results, r => r.Path == "/tls" && r.Status == 200);
        Assert.Contains("GET /tls", server.Requests);
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
}
