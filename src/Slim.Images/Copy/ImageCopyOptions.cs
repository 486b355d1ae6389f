namespace Slim.Images.Copy;

/// <summary>
/// How <see cref="ImageCopy"/> copies. <see cref="CheckLayerContent"/>: decompress every layer on the way to check its diff_id
/// and its entries (off: blob digests and sizes only, as skopeo checks them). <see cref="ConcurrentLayers"/>: layers in flight
/// at once, when both the source and the sink allow more than one.
/// </summary>
public sealed record ImageCopyOptions(bool CheckLayerContent = true, int ConcurrentLayers = ImageCopy.ConcurrentLayers)
{
    public static ImageCopyOptions Default { get; } = new();
}
