using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class CssLinkExtractorTests
{
    [Fact]
    public void Url_tokens_in_every_form_are_found()
    {
        const string css = """
            a { background: url(plain.png) } b { background: URL( "double.png" ) }
            c { background: url('single.png') } d { src: url(esc\).png) }
            """;

        Assert.Equal(["plain.png", "double.png", "single.png", "esc).png"], CssLinkExtractor.References(css));
    }

    [Fact]
    public void Imports_by_string_and_by_url_are_found()
    {
        const string css = """@import "a.css"; @IMPORT 'b.css' screen; @import url(c.css);""";

        Assert.Equal(["a.css", "b.css", "c.css"], CssLinkExtractor.References(css));
    }

    [Fact]
    public void Comments_strings_and_look_alike_functions_are_not_links()
    {
        const string css = """
            /* url(commented.png) @import "commented.css"; */
            a::before { content: "url(in-a-string.png)" } b { font-family: "x.css" }
            c { background: myurl(not.png) }
            """;

        Assert.Empty(CssLinkExtractor.References(css));
    }

    [Fact]
    public void Hex_escapes_are_decoded()
    {
        Assert.Equal(["a b.png"], CssLinkExtractor.References("""x { background: url("a\20 b.png") }"""));
    }

    [Fact]
    public void Links_resolve_against_the_stylesheet()
    {
        var links = CssLinkExtractor.SameOriginLinks("""@import "print.css"; a{background:url(../img/a.png)}""", new Uri("http://127.0.0.1:8080/css/site.css"));

        Assert.Equal(["/css/print.css", "/img/a.png"], links.Select(u => u.PathAndQuery));
    }
}
