namespace Slim.Images.Sinks;

/// <summary>Which index files a layout sink writes besides the blobs.</summary>
internal enum LayoutFlavor
{
    /// <summary>oci-layout and index.json.</summary>
    Oci,

    /// <summary>The OCI files plus `docker save`'s manifest.json, as engines from 25.0 write it (and older ones load it).</summary>
    DockerArchive,
}
