namespace Slim.Rebuild.Selection;

/// <summary>The outcome of selection: the absolute paths the slim image keeps, why, and what listed directories lost.</summary>
public sealed record FileSelection(
    IReadOnlyDictionary<string, SelectionReason> Paths,
    IReadOnlyList<CutDirectory> CutDirectories,
    IReadOnlyList<string> Excluded);
