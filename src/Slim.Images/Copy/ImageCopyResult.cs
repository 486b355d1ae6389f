using Slim.Images.Model;

namespace Slim.Images.Copy;

/// <summary>What a copy wrote: the manifest, the config digest (the image ID) and the layer diff_ids.</summary>
public sealed record ImageCopyResult(Descriptor Manifest, Digest ConfigDigest, IReadOnlyList<Digest> DiffIds);
