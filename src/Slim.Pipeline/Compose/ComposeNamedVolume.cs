namespace Slim.Pipeline.Compose;

/// <summary>A top-level volume. An external one is the user's and used as it is; the others slim makes empty for each run.</summary>
public sealed record ComposeNamedVolume(string Name, string? ExternalName);
