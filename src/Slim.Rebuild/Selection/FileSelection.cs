namespace Slim.Rebuild.Selection;

/// <summary>The outcome of selection: the absolute paths the slim image keeps, why, and what listed directories lost.</summary>
public sealed record FileSelection(
    IReadOnlyDictionary<string, SelectionReason> Paths,
    IReadOnlyList<CutDirectory> CutDirectories,
    IReadOnlyList<string> Excluded)
{
    /// <summary>Kept files whose bytes the slim image gets from here instead of the original (the pruned package database).</summary>
    public IReadOnlyDictionary<string, byte[]> Contents { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);
}
