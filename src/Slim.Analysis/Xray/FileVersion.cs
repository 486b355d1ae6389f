namespace Slim.Analysis.Xray;

/// <summary>One version of a regular file as a layer wrote it; versions with equal digests are duplicates.</summary>
internal readonly record struct FileVersion(PackedSha256 Digest, long Size, int Layer, string Key);
