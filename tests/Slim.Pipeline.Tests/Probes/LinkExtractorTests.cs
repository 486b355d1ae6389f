using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class LinkExtractorTests
{
    private static readonly Uri Page = new("http://127.0.0.1:8080/docs/index.html");

    [Fact]
    public void Relative_and_absolute_same_origin_links_are_resolved_against_the_page()
    {
        const string html = """
            <a href="about.html">About</a> <a href="/contact#form">Contact</a>
            <link rel="stylesheet" href="../css/site.css"><img src="img/logo.png">
            <img srcset="a.png 1x, b.png 2x">
            """;

        var links = LinkExtractor.SameOriginLinks(ContentKind.Html, html, Page).Select(u => u.PathAndQuery).ToList();

        Assert.Equal(["/docs/about.html", "/contact", "/css/site.css", "/docs/img/logo.png", "/docs/a.png", "/docs/b.png"], links);
    }

    [Fact]
    public void Other_origins_and_pseudo_links_are_left_alone()
    {
        const string html = """
            <a href="http://example.org/x">x</a> <a href="http://127.0.0.1:9999/y">other port</a>
            <a href="mailto:me@example.org">m</a> <a href="javascript:void(0)">j</a> <a href="#top">t</a>
            <img src="data:image/png;base64,AAAA">
            """;

        Assert.Empty(LinkExtractor.SameOriginLinks(ContentKind.Html, html, Page));
    }

    [Fact]
    public void Css_urls_and_imports_are_followed_and_each_link_is_listed_once()
    {
        const string css = """
            @import "print.css";
            body { background: url('/img/bg.png'); } .x { background: url(/img/bg.png) }
            """;

        var links = LinkExtractor.SameOriginLinks(ContentKind.Css, css, new Uri("http://127.0.0.1:8080/css/site.css")).Select(u => u.PathAndQuery).ToList();

        Assert.Equal(["/css/print.css", "/img/bg.png"], links);
    }

    [Theory]
    [InlineData(ContentKind.Html)]
    [InlineData(ContentKind.Css)]
    [InlineData(ContentKind.Json)]
    [InlineData(ContentKind.Xml)]
    [InlineData(ContentKind.PlainText)]
    public void Hostile_bodies_give_links_or_nothing_and_never_throw(ContentKind kind)
    {
        var random = new Random(7);
        string[] bodies =
        [
            string.Concat(Enumerable.Repeat("<div><a href=\"/x\">", 2_000)),
            new string('[', 10_000) + "\"/deep\"",
            "{\"a\": \"\\uD800/lone-surrogate\", \"b\": \"/after\"}",
            "url(" + new string('(', 5000) + " @import '" + "\\" + "<?xml",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"&a;\">]><urlset><url><loc>&a;</loc></url></urlset>",
            new string(Enumerable.Range(0, 50_000).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray()),
        ];

        foreach (var body in bodies)
        {
            var links = LinkExtractor.SameOriginLinks(kind, body, new Uri("http://127.0.0.1:8080/robots.txt"));
            Assert.All(links, l => Assert.Equal(8080, l.Port));
        }

        foreach (var body in bodies)
        {
            Assert.Empty(ApiDescription.Requests(body, Page, Page));
        }
    }

    [Fact]
    public void Probe_commands_parse_like_the_flag_users_know()
    {
        Assert.Equal(new HttpProbeCommand("GET", "/health"), HttpProbeCommand.Parse("/health"));
        Assert.Equal(new HttpProbeCommand("POST", "/api"), HttpProbeCommand.Parse("post api"));
        Assert.Equal(new HttpProbeCommand("PUT", "/items/1", Body: "{\"a\": 1}"), HttpProbeCommand.Parse("PUT /items/1 {\"a\": 1}"));
        Assert.Equal(Slim.Trace.Errors.ErrorReason.BadInput, Assert.Throws<Slim.Pipeline.BuildException>(() => HttpProbeCommand.Parse("   ")).Reason);
    }
}
