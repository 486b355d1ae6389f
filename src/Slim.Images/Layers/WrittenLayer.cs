using Slim.Images.Model;

namespace Slim.Images.Layers;

/// <summary>What a <see cref="LayerWriter"/> produced: the blob's descriptor (digest over the compressed bytes) and its diff_id.</summary>
public sealed record WrittenLayer(Descriptor Descriptor, Digest DiffId, long UncompressedSize, int EntryCount);
