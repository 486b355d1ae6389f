namespace Slim.Pipeline.Compose;

/// <summary>A top-level network. An external one is the user's and joined by <see cref="ExternalName"/>; the others slim makes for each run.</summary>
public sealed record ComposeNetwork(string Name, string? ExternalName);
