namespace Slim.Pipeline.Probes;

/// <summary>A request's recorded result, with what the crawl needs to read on: the kept body head and the headers that say how to read it.</summary>
internal sealed record ProbeResponse(
    HttpProbeResult Result,
    ResponseBody? Body = null,
    string? MediaType = null,
    string? Charset = null,
    bool NoSniff = false,
    Uri? Location = null)
{
    /// <summary>The connection closed before a single byte of an answer: the request may be asked again.</summary>
    public bool NothingCameBack { get; init; }

    /// <summary>The methods the answer's Allow header lists (`--http-probe-full` asks each of them).</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];
}
