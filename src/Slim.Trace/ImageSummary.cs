namespace Slim.Trace;

/// <summary>An image as the build report names it: reference, ID (config digest), size in bytes, file count.</summary>
/// <param name="Size">The engine's size of the image, in bytes.</param>
public sealed record ImageSummary(string Reference, string? Id, string? ManifestDigest, long Size, int Files);
