namespace Slim.Pipeline.Probes;

/// <summary>One request of the crawl: GET or HEAD of a same-origin URI found <paramref name="Depth"/> hops from the seeds.</summary>
internal sealed record CrawlStep(string Method, Uri Uri, int Depth)
{
    /// <summary>What makes two steps the same request (and verification match them): the method and the path with its query.</summary>
    public string Key => Method + " " + Uri.PathAndQuery;
}
