namespace Slim.Images;

/// <summary>Why an <see cref="ImageException"/> was raised.</summary>
public enum ImageErrorReason
{
    /// <summary>An image reference, digest, platform or transport string does not parse.</summary>
    InvalidReference,

    /// <summary>The transport is known but not supported (yet), e.g. a registry.</summary>
    UnsupportedTransport,

    /// <summary>The image (or the named image inside an archive or layout) does not exist.</summary>
    ImageNotFound,

    /// <summary>Several images match and none was named.</summary>
    AmbiguousImage,

    /// <summary>No manifest in an image index matches the wanted platform.</summary>
    PlatformNotFound,

    /// <summary>A manifest or index names a blob the archive or layout does not hold.</summary>
    BlobMissing,

    /// <summary>A blob's bytes do not hash to its digest, or a layer's content to its diff_id.</summary>
    DigestMismatch,

    /// <summary>A blob is shorter or longer than its descriptor says, or a stream ends early.</summary>
    Truncated,

    /// <summary>JSON, tar or compressed data that cannot be read.</summary>
    InvalidFormat,

    /// <summary>A media type slim does not understand.</summary>
    UnsupportedMediaType,

    /// <summary>A path or link that leaves its root (`..`, absolute names, links out of the tree).</summary>
    UnsafePath,

    /// <summary>The same entry twice where the format allows it once.</summary>
    DuplicateEntry,

    /// <summary>A size beyond what the format or this machine allows.</summary>
    TooLarge,

    /// <summary>The output cannot be written (exists, not empty, not writable).</summary>
    OutputRefused,

    /// <summary>A registry refused the credentials given (or wants some and none were given).</summary>
    Unauthorized,

    /// <summary>A registry cannot be reached, refuses the connection, or keeps answering 429/5xx after every retry.</summary>
    RegistryUnavailable,
}
