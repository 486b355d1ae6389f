namespace Slim.Pipeline.Compose;

/// <summary>What a build takes from a Compose file: the service slim profiles, and the services started before it, in start order.</summary>
public sealed record ComposeTarget(ComposeFile File, ComposeService Service, IReadOnlyList<ComposeService> Dependencies);
