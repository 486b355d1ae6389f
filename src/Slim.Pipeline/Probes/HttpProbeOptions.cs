namespace Slim.Pipeline.Probes;

/// <summary>How far and how long the HTTP probe goes.</summary>
public sealed record HttpProbeOptions
{
    /// <summary>Where an app's API document usually is, tried when the user names none; kept short, each costs a request.</summary>
    public static IReadOnlyList<string> WellKnownApiDocumentPaths { get; } =
        ["/openapi.json", "/swagger.json", "/v3/api-docs", "/swagger/v1/swagger.json", "/api-docs", "/openapi.yaml"];

    /// <summary>How long to wait for the app to answer at all on a port.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many times a port that accepts connections but gives no HTTP answer is asked again before it counts as a
    /// plain TCP service (`--http-probe-retry-count`).
    /// </summary>
    public int RetryCount { get; init; } = 2;

    /// <summary>The pause between those attempts (`--http-probe-retry-wait`).</summary>
    public TimeSpan RetryWait { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long to wait after the app starts before probing at all (`--http-probe-start-wait`).</summary>
    public TimeSpan StartWait { get; init; } = TimeSpan.Zero;

    /// <summary>Every method a route advertises (OpenAPI operations, the Allow header), not only GET and HEAD (`--http-probe-full`).</summary>
    public bool Full { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Follow same-origin links from `/`: how many hops and how many pages at most.</summary>
    public bool Crawl { get; init; } = true;

    public int MaxDepth { get; init; } = 3;

    public int MaxRequests { get; init; } = 100;

    /// <summary>
    /// While crawling, also ask for /robots.txt and /sitemap.xml and, when no API document is given,
    /// the <see cref="WellKnownApiDocumentPaths"/>: apps list routes there that no page links to.
    /// </summary>
    public bool Discover { get; init; } = true;

    /// <summary>Paths on the app that serve its OpenAPI or Swagger document (`--http-probe-apispec`); read even when not crawling.</summary>
    public IReadOnlyList<string> ApiDocumentPaths { get; init; } = [];

    /// <summary>The text of OpenAPI or Swagger documents given as local files (`--http-probe-apispec-file`).</summary>
    public IReadOnlyList<string> ApiDocuments { get; init; } = [];

    /// <summary>How much of a body is kept for parsing; the whole body is still read and hashed.</summary>
    public int MaxParsedBytes { get; init; } = 4 * 1024 * 1024;

    public IReadOnlyList<HttpProbeCommand> Commands { get; init; } = [];

    /// <summary>Where the sensor's files sit in the profiled container (the tracer bundle): links there are never followed.</summary>
    public IReadOnlyList<string> SensorPaths { get; init; } = [];

    /// <summary>A path no app serves: error pages are part of the app and must survive slimming.</summary>
    public string MissingPath { get; init; } = "/slim-probe/does-not-exist";
}
