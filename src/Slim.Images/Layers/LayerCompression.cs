namespace Slim.Images.Layers;

/// <summary>How a layer blob's tar is compressed.</summary>
public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
