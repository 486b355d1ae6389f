using System.Text;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class ContentSnifferTests
{
    private static ContentKind Classify(string? type, string body, string path = "/x", bool noSniff = false) =>
        ContentSniffer.Classify(type, noSniff, Encoding.UTF8.GetBytes(body), path);

    [Theory]
    [InlineData("<!DOCTYPE html><title>x</title>")]
    [InlineData("  \r\n\t<html lang=\"en\">")]
    [InlineData("<HEAD><title>x</title>")]
    [InlineData("<a href=\"/tls\">tls</a>")]
    [InlineData("<body>")]
    [InlineData("<p>hello")]
    [InlineData("<!-- a comment -->")]
    [InlineData("<script>1</script>")]
    [InlineData("\uFEFF<html>")]
    public void Markup_without_a_type_is_html(string body) => Assert.Equal(ContentKind.Html, Classify(null, body));

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData("unknown/unknown")]
    public void Markup_under_a_vague_type_is_html(string type) => Assert.Equal(ContentKind.Html, Classify(type, "<!doctype html><a href=/x>x</a>"));

    [Theory]
    [InlineData("hello <a href=\"/x\">x</a>")] // markup must come first, as browsers require
    [InlineData("<abbr>not a sniffed tag</abbr>")]
    [InlineData("<html")] // no tag-terminating byte
    [InlineData("User-agent: *\nDisallow: /private")]
    public void A_text_body_that_is_not_html_is_not_parsed_as_html(string body) => Assert.Equal(ContentKind.PlainText, Classify("text/plain", body));

    [Fact]
    public void Nosniff_keeps_text_plain_plain() => Assert.Equal(ContentKind.PlainText, Classify("text/plain", "<html><a href=/x>", noSniff: true));

    [Fact]
    public void Declared_types_are_believed()
    {
        Assert.Equal(ContentKind.Html, Classify("text/html", "no markup at all"));
        Assert.Equal(ContentKind.Html, Classify("application/xhtml+xml", "<?xml version=\"1.0\"?><html/>"));
        Assert.Equal(ContentKind.Css, Classify("text/css", "a{}"));
        Assert.Equal(ContentKind.Json, Classify("application/json", "{}"));
        Assert.Equal(ContentKind.Json, Classify("application/hal+json", "{}"));
        Assert.Equal(ContentKind.Xml, Classify("application/xml", "<urlset/>"));
        Assert.Equal(ContentKind.Opaque, Classify("image/svg+xml", "<svg/>"));
        Assert.Equal(ContentKind.Opaque, Classify("image/png", "<html>"));
        Assert.Equal(ContentKind.Opaque, Classify("application/javascript", "<html>"));
    }

    [Fact]
    public void Untyped_bodies_are_told_apart_by_their_bytes_and_name()
    {
        Assert.Equal(ContentKind.Xml, Classify(null, "<?xml version=\"1.0\"?><urlset/>"));
        Assert.Equal(ContentKind.Html, Classify(null, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"/>"));
        Assert.Equal(ContentKind.Css, Classify(null, "body { color: red }", "/site.css"));
        Assert.Equal(ContentKind.Json, Classify(null, " {\"a\": \"/b\"}"));
        Assert.Equal(ContentKind.Opaque, Classify(null, "\x89PNG\r\n\x1a\n\0\0\0"));
        Assert.Equal(ContentKind.Opaque, Classify("application/octet-stream", "\0\u0001\u0002binary"));
    }
}
