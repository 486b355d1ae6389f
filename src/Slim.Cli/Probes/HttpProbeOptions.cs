namespace Slim.Cli.Probes;

/// <summary>How far and how long the HTTP probe goes.</summary>
public sealed record HttpProbeOptions
{
    /// <summary>How long to wait for the app to answer at all on a port.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Follow same-origin links from `/`: how many hops and how many pages at most.</summary>
    public bool Crawl { get; init; } = true;

    public int MaxDepth { get; init; } = 3;

    public int MaxRequests { get; init; } = 100;

    public IReadOnlyList<HttpProbeCommand> Commands { get; init; } = [];

    /// <summary>A path no app serves: error pages are part of the app and must survive slimming.</summary>
    public string MissingPath { get; init; } = "/slim-probe/does-not-exist";
}
