namespace Slim.Cli.Commands;

/// <summary>A layer as `slim inspect` shows it.</summary>
internal sealed record InspectedLayer(string Digest, string DiffId, string MediaType, long Size);
