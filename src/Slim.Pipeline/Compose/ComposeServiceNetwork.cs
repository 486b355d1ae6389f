namespace Slim.Pipeline.Compose;

/// <summary>A network a service joins and the extra names it has there (besides its service name).</summary>
public sealed record ComposeServiceNetwork(string Name, IReadOnlyList<string> Aliases);
