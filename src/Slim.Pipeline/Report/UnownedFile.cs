namespace Slim.Pipeline.Report;

/// <summary>A kept file no package owns (the app's own), by absolute path, with its SHA-256 as lowercase hex.</summary>
public sealed record UnownedFile(string Path, string Sha256);
