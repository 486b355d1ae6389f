using System.Security.Cryptography;
using System.Text;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>The crawl against servers that answer the way small real servers do (raw bytes over a loopback socket).</summary>
public sealed class HttpProbeCrawlTests
{
    private static readonly HttpProbeOptions NoDiscovery = new() { Discover = false };

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

    [Fact]
    public async Task A_redirect_chain_is_followed_step_by_step_and_other_origins_are_not()
    {
        using var server = new RawHttpServer(target => target switch
        {
            "/" => Redirect(302, "/login"),
            "/login" => Redirect(301, "http://127.0.0.1:1/elsewhere-is-not-followed"),
            "/a" => Redirect(307, "b"),
            "/b" => Redirect(308, "/a"), // a loop ends where it started
            "/c" => Redirect(303, "/a"),
            _ => RawHttpResponse.NotFound(),
        });
        using var http = NewClient();
        var options = NoDiscovery with { Commands = [HttpProbeCommand.Parse("/c")] };

        var results = await new HttpProbe(http, options).RunAsync(server.Root, 8000, CancellationToken.None);
        var second = await new HttpProbe(http, options with { Commands = [], ApiDocumentPaths = ["/a"] }).RunAsync(server.Root, 8000, CancellationToken.None);

        Assert.Equal(["/", "/login", "/slim-probe/does-not-exist", "/c"], results.Select(r => r.Path));
        Assert.Equal([302, 301, 404, 303], results.Select(r => r.Status ?? 0)); // a user's own request is sent as given, never followed
        Assert.Equal(["/", "/login", "/a", "/b", "/slim-probe/does-not-exist"], second.Select(r => r.Path));
    }

    [Fact]
    public async Task A_served_openapi_document_has_its_read_operations_requested()
    {
        const string document = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
             "paths": {
               "/api/items": {"get": {"responses": {"200": {"description": "ok"}}}, "post": {"responses": {"201": {"description": "made"}}}},
               "/api/items/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "example": 42}}],
                                           "responses": {"200": {"description": "ok"}}},
                                   "delete": {"responses": {"204": {"description": "gone"}}}}}}
            """;
        using var server = new RawHttpServer(target => target switch
        {
            "/" => RawHttpResponse.Text(200, "<h1>api only</h1>", ("Content-Type", "text/html")),
            "/openapi.json" => RawHttpResponse.Text(200, document, ("Content-Type", "application/json")),
            "/api/items" => RawHttpResponse.Text(200, """[{"id": 1, "href": "/api/items/1"}]""", ("Content-Type", "application/json")),
            "/api/items/42" or "/api/items/1" => RawHttpResponse.Text(200, """{"id": 42}""", ("Content-Type", "application/json")),
            _ => RawHttpResponse.NotFound(),
        });
        using var http = NewClient();

        var results = await new HttpProbe(http, new HttpProbeOptions()).RunAsync(server.Root, 8000, CancellationToken.None);

        var paths = results.Select(r => r.Path).ToList();
        Assert.True(paths.IndexOf("/api/items") > paths.IndexOf("/openapi.json"));
        Assert.Contains(results, r => r.Path == "/api/items/42" && r.Status == 200);
        Assert.Contains(results, r => r.Path == "/api/items/1" && r.Status == 200); // the link in the list's JSON
        Assert.All(server.Requests, r => Assert.True(r.StartsWith("GET ", StringComparison.Ordinal), r)); // nothing that changes state
    }

    [Fact]
    public async Task An_api_document_named_by_path_or_given_as_a_file_is_used_instead_of_guessing()
    {
        const string yaml = """
            swagger: "2.0"
            info: {title: t, version: "1"}
            basePath: /svc
            paths:
              /ping: {get: {responses: {"200": {description: ok}}}}
            """;
        const string local = """{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/local/{n}": {"get": {"parameters": [{"name": "n", "in": "path", "required": true, "schema": {"type": "string", "enum": ["first"]}}], "responses": {"200": {"description": "ok"}}}}}}""";
        using var server = new RawHttpServer(target => target switch
        {
            "/" => RawHttpResponse.Text(200, "home", ("Content-Type", "text/plain")),
            "/docs/api.yaml" => RawHttpResponse.Text(200, yaml, ("Content-Type", "application/x-yaml")),
            _ => RawHttpResponse.NotFound(),
        });
        using var http = NewClient();
        var options = new HttpProbeOptions { Crawl = false, ApiDocumentPaths = ["/docs/api.yaml"], ApiDocuments = [local] };

        var results = await new HttpProbe(http, options).RunAsync(server.Root, 8000, CancellationToken.None);

        Assert.Equal(["/", "/docs/api.yaml", "/local/first", "/svc/ping", "/slim-probe/does-not-exist"], results.Select(r => r.Path));
    }

    [Fact]
    public async Task Robots_and_sitemaps_lead_to_pages_no_link_reaches_in_the_same_order_every_run()
    {
        using var server = new RawHttpServer(target => target switch
        {
            "/" => RawHttpResponse.Text(200, "<html><body>nothing linked</body></html>", ("Content-Type", "text/html")),
            "/robots.txt" => RawHttpResponse.Text(200, "User-agent: *\nDisallow: /private/\nDisallow: /*.bak\nSitemap: /sitemap-extra.xml\n", ("Content-Type", "text/plain")),
            "/sitemap.xml" => RawHttpResponse.Text(200, """
                <?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>/sitemap-pages.xml</loc></sitemap></sitemapindex>
                """),
            "/sitemap-pages.xml" => RawHttpResponse.Text(200, """
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/page-one</loc></url><url><loc>http://example.org/off-site</loc></url></urlset>
                """, ("Content-Type", "application/xml")),
            "/sitemap-extra.xml" => RawHttpResponse.Text(200, """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/page-two</loc></url></urlset>""", ("Content-Type", "text/xml")),
            "/private/" or "/page-one" or "/page-two" => RawHttpResponse.Text(200, "page", ("Content-Type", "text/plain")),
            _ => RawHttpResponse.NotFound(),
        });
        using var http = NewClient();
        var probe = new HttpProbe(http, new HttpProbeOptions());

        var first = await probe.RunAsync(server.Root, 8000, CancellationToken.None);
        var second = await probe.RunAsync(server.Root, 8000, CancellationToken.None);

        string[] guesses = [.. HttpProbeOptions.WellKnownApiDocumentPaths];
        Assert.Equal(
            ["/", "/robots.txt", "/sitemap.xml", .. guesses, "/private/", "/sitemap-extra.xml", "/sitemap-pages.xml", "/page-two", "/page-one", "/slim-probe/does-not-exist"],
            first.Select(r => r.Path));
        Assert.Equal(first.Select(r => (r.Path, r.Status, r.BodySha256)), second.Select(r => (r.Path, r.Status, r.BodySha256)));
    }

    [Fact]
    public async Task Depth_and_request_budgets_bound_the_crawl()
    {
        // An endless chain of pages: /p/0 links /p/1 links /p/2 ...
        using var server = new RawHttpServer(target => target.StartsWith("/p/", StringComparison.Ordinal) || target == "/"
            ? RawHttpResponse.Text(200, $"<a href=\"/p/{(target == "/" ? 0 : int.Parse(target[3..], System.Globalization.CultureInfo.InvariantCulture) + 1)}\">next</a>")
            : RawHttpResponse.NotFound());
        using var http = NewClient();

        var deep = await new HttpProbe(http, NoDiscovery with { MaxDepth = 3 }).RunAsync(server.Root, 8000, CancellationToken.None);
        var counted = await new HttpProbe(http, NoDiscovery with { MaxDepth = 100, MaxRequests = 5 }).RunAsync(server.Root, 8000, CancellationToken.None);

        Assert.Equal(["/", "/p/0", "/p/1", "/p/2", "/slim-probe/does-not-exist"], deep.Select(r => r.Path));
        Assert.Equal(["/", "/p/0", "/p/1", "/p/2", "/p/3", "/slim-probe/does-not-exist"], counted.Select(r => r.Path));
    }

    [Fact]
    public async Task A_big_body_is_hashed_whole_but_parsed_only_up_to_the_limit()
    {
        var body = Encoding.UTF8.GetBytes("<html><a href=\"/early\">e</a>" + new string(' ', 70_000) + "<a href=\"/late\">l</a></html>");
        using var server = new RawHttpServer(target => target switch
        {
            "/" => new RawHttpResponse(200, [], body),
            "/early" or "/late" => RawHttpResponse.Text(200, "x"),
            _ => RawHttpResponse.NotFound(),
        });
        using var http = NewClient();

        var results = await new HttpProbe(http, NoDiscovery with { MaxParsedBytes = 64 * 1024 }).RunAsync(server.Root, 8000, CancellationToken.None);

        Assert.Equal(body.LongLength, results[0].BodyBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), results[0].BodySha256);
        Assert.Equal(["/", "/early", "/slim-probe/does-not-exist"], results.Select(r => r.Path));
    }

    [Fact]
    public async Task A_plain_text_body_that_is_not_html_is_not_crawled_and_nosniff_is_honoured()
    {
        using var server = new RawHttpServer(target => target switch
        {
            "/" => RawHttpResponse.Text(200, "see <a href=\"/from-text\">here</a>", ("Content-Type", "text/plain")),
            _ => RawHttpResponse.Text(200, "x"),
        });
        using var nosniff = new RawHttpServer(target => target switch
        {
            "/" => RawHttpResponse.Text(200, "<html><a href=\"/from-nosniff\">x</a>", ("Content-Type", "text/plain"), ("X-Content-Type-Options", "nosniff")),
            _ => RawHttpResponse.Text(200, "x"),
        });
        using var http = NewClient();

        var text = await new HttpProbe(http, NoDiscovery).RunAsync(server.Root, 8000, CancellationToken.None);
        var marked = await new HttpProbe(http, NoDiscovery).RunAsync(nosniff.Root, 8000, CancellationToken.None);

        Assert.Equal(["/", "/slim-probe/does-not-exist"], text.Select(r => r.Path));
        Assert.Equal(["/", "/slim-probe/does-not-exist"], marked.Select(r => r.Path));
    }

    [Fact]
    public async Task A_page_the_parser_would_chew_on_for_long_is_given_up_within_the_request_timeout()
    {
        // Unclosed nested links make the HTML5 tree builder's work grow with the square of their number (~30 s here).
        var page = string.Concat(Enumerable.Repeat("<div><a href=\"/x\">", 20_000));
        using var server = new RawHttpServer(target => target == "/" ? RawHttpResponse.Text(200, page, ("Content-Type", "text/html")) : RawHttpResponse.Text(200, "x"));
        using var http = NewClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var results = await new HttpProbe(http, NoDiscovery with { RequestTimeout = TimeSpan.FromSeconds(1) }).RunAsync(server.Root, 8000, CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(["/", "/slim-probe/does-not-exist"], results.Select(r => r.Path));
    }

    private static RawHttpResponse Redirect(int status, string location) => RawHttpResponse.Text(status, "", ("Location", location));

    private static HttpClient NewClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
}
