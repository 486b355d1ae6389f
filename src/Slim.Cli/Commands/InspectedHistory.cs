namespace Slim.Cli.Commands;

/// <summary>A history step as `slim inspect` shows it.</summary>
internal sealed record InspectedHistory(DateTimeOffset? Created, string? CreatedBy, string? Comment, bool EmptyLayer);
