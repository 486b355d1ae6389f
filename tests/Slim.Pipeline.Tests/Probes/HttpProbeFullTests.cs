using System.Text;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>`--http-probe-full`: every method a route advertises, from its Allow header or an OPTIONS answer, and OpenAPI's other operations.</summary>
public sealed class HttpProbeFullTests
{
    private static readonly Uri Root = new("http://app.test/");

    private static RawHttpResponse Respond(string target) => target switch
    {
        "/" => new RawHttpResponse(200, [("Content-Type", "text/html")], Encoding.UTF8.GetBytes("<a href=\"/items\">items</a>")),
        "/items" => new RawHttpResponse(200, [("Content-Type", "text/plain"), ("Allow", "GET, HEAD, POST, DELETE")], "a\nb\n"u8.ToArray()),
        _ => new RawHttpResponse(404, [("Content-Type", "text/plain")], "no"u8.ToArray()),
    };

    [Fact]
    public async Task Full_asks_each_advertised_method_and_asks_options_where_nothing_is_advertised()
    {
        using var server = new RawHttpServer(Respond);
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { Discover = false, Full = true });

        var results = await probe.RunAsync(server.Root, 8080, CancellationToken.None);

        Assert.Equal(["GET /", "OPTIONS /", "GET /items", "POST /items", "DELETE /items", "GET /slim-probe/does-not-exist"], server.Requests);
        Assert.Equal(server.Requests, results.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Without_full_only_get_is_asked()
    {
        using var server = new RawHttpServer(Respond);
        using var http = new HttpClient();
        var probe = new HttpProbe(http, new HttpProbeOptions { Discover = false });

        await probe.RunAsync(server.Root, 8080, CancellationToken.None);

        Assert.Equal(["GET /", "GET /items", "GET /slim-probe/does-not-exist"], server.Requests);
    }

    [Fact]
    public void Full_takes_every_operation_of_an_api_document()
    {
        const string document = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
             "paths": {"/notes": {"get": {"responses": {"200": {"description": "ok"}}}, "post": {"responses": {"201": {"description": "made"}}}},
                       "/notes/1": {"delete": {"responses": {"204": {"description": "gone"}}}}}}
            """;

        Assert.Equal(["GET /notes"], ApiDescription.Requests(document, Root, Root).Select(r => $"{r.Method} {r.Uri.PathAndQuery}"));
        Assert.Equal(["GET /notes", "POST /notes", "DELETE /notes/1"], ApiDescription.Requests(document, Root, Root, everyMethod: true).Select(r => $"{r.Method} {r.Uri.PathAndQuery}"));
    }
}
