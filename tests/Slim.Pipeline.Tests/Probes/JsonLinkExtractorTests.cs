using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class JsonLinkExtractorTests
{
    private static readonly Uri Page = new("http://127.0.0.1:8080/api/items");

    [Fact]
    public void Absolute_paths_and_same_origin_urls_in_string_values_are_followed()
    {
        const string json = """
            {"self": "/api/items", "next": "/api/items?page=2", "items": [{"href": "/api/items/1"}, {"href": "http://127.0.0.1:8080/api/items/2"}],
             "/not-a-value": 1, "elsewhere": "http://example.org/x", "otherPort": "http://127.0.0.1:9/y"}
            """;

        var links = JsonLinkExtractor.SameOriginLinks(json, Page).Select(u => u.PathAndQuery).ToList();

        Assert.Equal(["/api/items", "/api/items?page=2", "/api/items/1", "/api/items/2"], links);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("relative/path")]
    [InlineData("//cdn.example/x.js")]
    [InlineData("/with space")]
    [InlineData("/template/{id}")]
    [InlineData("/quote\"d")]
    [InlineData("")]
    public void Strings_that_are_not_paths_are_ignored(string value) =>
        Assert.Empty(JsonLinkExtractor.SameOriginLinks($$"""{"v": {{System.Text.Json.JsonSerializer.Serialize(value)}}}""", Page));

    [Fact]
    public void A_body_cut_short_keeps_what_was_read_before_the_cut()
    {
        const string json = """{"a": "/one", "b": ["/two", "/thr""";

        Assert.Equal(["/one", "/two"], JsonLinkExtractor.References(json));
    }

    [Fact]
    public void Json_lines_are_read_value_after_value() =>
        Assert.Equal(["/a", "/b"], JsonLinkExtractor.References("{\"p\":\"/a\"}\n{\"p\":\"/b\"}\n"));
}
