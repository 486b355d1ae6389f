namespace Slim.Pipeline.Probes;

/// <summary>One request an API document describes, made concrete: GET or HEAD, with its parameters filled in.</summary>
public sealed record ApiRequest(string Method, Uri Uri);
