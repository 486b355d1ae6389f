namespace Slim.Rebuild.Selection;

/// <summary>A directory the application listed, and how many of its entries (and bytes) the slim image leaves out.</summary>
public sealed record CutDirectory(string Path, int EntriesKept, int EntriesCut, long BytesCut);
