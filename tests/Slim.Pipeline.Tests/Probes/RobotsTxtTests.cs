using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class RobotsTxtTests
{
    [Fact]
    public void Plain_allow_and_disallow_paths_and_sitemaps_are_candidates_in_file_order()
    {
        const string robots = """
            # robots for the app
            User-agent: *
            Disallow: /admin/   # keep out
            Allow: /public
            Disallow: /*.pdf
            Disallow: /exact$
            Disallow:
            disallow: /lower
            Sitemap: http://127.0.0.1:8080/sitemap-pages.xml
            Crawl-delay: 10
            """;

        Assert.Equal(["/admin/", "/public", "/lower", "http://127.0.0.1:8080/sitemap-pages.xml"], RobotsTxt.References(robots));
    }

    [Fact]
    public void Windows_line_ends_are_fine() => Assert.Equal(["/a", "/b"], RobotsTxt.References("Allow: /a\r\nDisallow: /b\r\n"));
}
