using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class SitemapTests
{
    [Fact]
    public void A_urlset_gives_its_page_locations()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>http://127.0.0.1:8080/</loc><lastmod>2024-01-01</lastmod></url>
              <url><loc> http://127.0.0.1:8080/about </loc></url>
              <url><loc>http://127.0.0.1:8080/a?x=1&amp;y=2</loc></url>
            </urlset>
            """;

        Assert.Equal(["http://127.0.0.1:8080/", "http://127.0.0.1:8080/about", "http://127.0.0.1:8080/a?x=1&y=2"], Sitemap.Locations(xml));
    }

    [Fact]
    public void A_sitemap_index_gives_the_sitemaps_it_lists()
    {
        const string xml = """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>/sitemap-1.xml</loc></sitemap><sitemap><loc>/sitemap-2.xml</loc></sitemap>
            </sitemapindex>
            """;

        Assert.Equal(["/sitemap-1.xml", "/sitemap-2.xml"], Sitemap.Locations(xml));
    }

    [Theory]
    [InlineData("<feed><loc>/x</loc></feed>")]
    [InlineData("not xml at all")]
    [InlineData("""<!DOCTYPE urlset [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>""")]
    public void Other_documents_give_nothing(string xml) => Assert.Empty(Sitemap.Locations(xml));

    [Fact]
    public void A_sitemap_cut_short_keeps_the_entries_before_the_cut() =>
        Assert.Equal(["/a"], Sitemap.Locations("<urlset><url><loc>/a</loc></url><url><loc>/b"));
}
