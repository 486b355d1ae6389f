using Slim.Images.Model;

namespace Slim.Rebuild.Writing;

/// <summary>The image slim wrote: its digests (the config digest is the engine's image ID) and its layer's size.</summary>
public sealed record SlimImage(
    Digest ManifestDigest,
    Digest ConfigDigest,
    Digest DiffId,
    long LayerBytes,
    long UncompressedBytes,
    int Entries);
