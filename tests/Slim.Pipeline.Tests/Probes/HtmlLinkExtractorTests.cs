using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class HtmlLinkExtractorTests
{
    private static readonly Uri Page = new("http://127.0.0.1:8080/docs/index.html");

    private static List<string> Links(string html, Uri? page = null) =>
        HtmlLinkExtractor.SameOriginLinks(html, page ?? Page).Select(u => u.PathAndQuery).ToList();

    [Theory]
    [InlineData("""<a href="/x">x</a>""")]
    [InlineData("""<link rel="stylesheet" href="/x">""")]
    [InlineData("""<map><area href="/x"></map>""")]
    [InlineData("""<script src="/x"></script>""")]
    [InlineData("""<img src="/x">""")]
    [InlineData("""<iframe src="/x"></iframe>""")]
    [InlineData("""<frameset><frame src="/x"></frameset>""")]
    [InlineData("""<embed src="/x">""")]
    [InlineData("""<video><source src="/x"></video>""")]
    [InlineData("""<video src="/x"></video>""")]
    [InlineData("""<video poster="/x"></video>""")]
    [InlineData("""<audio src="/x"></audio>""")]
    [InlineData("""<video><track src="/x"></video>""")]
    [InlineData("""<object data="/x"></object>""")]
    [InlineData("""<input type="image" src="/x">""")]
    [InlineData("""<svg><image href="/x"/></svg>""")]
    [InlineData("""<div style="background: url('/x')"></div>""")]
    [InlineData("""<style>@import "/x";</style>""")]
    [InlineData("""<meta http-equiv="refresh" content="0; url=/x">""")]
    [InlineData("""<noscript><a href="/x">no script</a></noscript>""")]
    public void Each_kind_of_reference_is_followed(string html) => Assert.Equal(["/x"], Links(html));

    [Theory]
    [InlineData("""<a data-href="/x">x</a>""")]
    [InlineData("""<!-- <a href="/x">x</a> -->""")]
    [InlineData("""<p>href="/x"</p>""")]
    [InlineData("""<script>var a = '<a href="/x">';</script>""")]
    [InlineData("""<textarea><a href="/x"></textarea>""")]
    public void Text_that_only_looks_like_a_link_is_not_one(string html) => Assert.Empty(Links(html));

    [Fact]
    public void Links_come_in_document_order_each_once_and_entities_are_decoded()
    {
        const string html = """
            <html><head><link href="/b.css"><script src="/c.js"></script></head>
            <body><a href="/a?x=1&amp;y=2">a</a><img src="/c.js"><a href="/d#part">d</a></body></html>
            """;

        Assert.Equal(["/b.css", "/c.js", "/a?x=1&y=2", "/d"], Links(html));
    }

    [Fact]
    public void Srcset_candidates_are_split_as_the_standard_says()
    {
        const string html = """
            <img srcset="small.png 480w, /big.png 1080w,/x,y.png 2x">
            <picture><source srcset="a.webp, b.webp 2x"></picture>
            <img srcset="/c.png,/d.png">
            """;

        // A URL runs to whitespace, so "/x,y.png" is one URL and so is "/c.png,/d.png", as in browsers.
        Assert.Equal(["/docs/small.png", "/big.png", "/x,y.png", "/docs/a.webp", "/docs/b.webp", "/c.png,/d.png"], Links(html));
    }

    [Theory]
    [InlineData("5; url=/next", "/next")]
    [InlineData("0;URL='/quoted?a=1'", "/quoted?a=1")]
    [InlineData("3, next.html", "/docs/next.html")]
    [InlineData("1.5 ; url = '/spaced' ", "/spaced")]
    public void Meta_refresh_urls_are_read_like_a_browser(string content, string expected) =>
        Assert.Equal([expected], Links($"""<meta http-equiv="Refresh" content="{content}">"""));

    [Fact]
    public void A_meta_refresh_without_a_url_reloads_the_page_and_adds_nothing() =>
        Assert.Empty(Links("""<meta http-equiv="refresh" content="30">"""));

    [Fact]
    public void Base_href_changes_what_relative_links_resolve_against()
    {
        const string html = """<head><base href="/static/v2/"></head><a href="app.js">a</a><img src="/abs.png"><a href="../up">u</a>""";

        Assert.Equal(["/static/v2/app.js", "/abs.png", "/static/up"], Links(html));
    }

    [Fact]
    public void A_base_on_another_origin_takes_relative_links_off_the_app() =>
        Assert.Empty(Links("""<base href="http://cdn.example/"><img src="a.png">"""));

    [Fact]
    public void Get_forms_are_submitted_with_their_default_values_and_other_forms_are_not()
    {
        const string html = """
            <form action="/search"><input name="q" value="a b"><input type="hidden" name="page" value="1">
              <input type="checkbox" name="all"><input type="checkbox" name="exact" checked>
              <select name="sort"><option value="new">n</option><option value="old">o</option></select>
              <input type="submit" name="go" value="Go"></form>
            <form method="GET" action="/list"></form>
            <form method="post" action="/delete"><input name="id" value="1"></form>
            <form method="dialog" action="/dialog"></form>
            """;

        Assert.Equal(["/search?q=a+b&page=1&exact=on&sort=new", "/list?"], Links(html));
    }

    [Fact]
    public void Css_in_style_blocks_and_attributes_is_read()
    {
        const string html = """
            <style>@import url("/theme.css"); .a { background: url(img/a.png) } /* url(/commented.png) */</style>
            <p style="background-image: url(&quot;/p.png&quot;)">p</p>
            """;

        Assert.Equal(["/theme.css", "/docs/img/a.png", "/p.png"], Links(html));
    }

    [Fact]
    public void Broken_markup_is_repaired_the_way_browsers_repair_it()
    {
        const string html = """<table><tr><td><a href=/unquoted>x<td><img src='/single.png'</table><a href="/after">""";

        Assert.Equal(["/unquoted", "/single.png", "/after"], Links(html));
    }
}
