using Slim.Trace.Errors;

namespace Slim.Images;

/// <summary>
/// Something about an image, a reference or an archive is wrong or missing. <see cref="Detail"/> says which rule broke,
/// <see cref="SlimException.Subject"/> names the image, blob, path or entry it is about; the root
/// <see cref="SlimException.Reason"/> follows from the detail.
/// </summary>
public sealed class ImageException : SlimException
{
    public ImageException(ImageErrorReason reason, string? subject, string message)
        : this(reason, subject, message, null)
    {
    }

    public ImageException(ImageErrorReason reason, string? subject, string message, Exception? inner)
        : base(RootReason(reason), subject, message, inner)
    {
        Detail = reason;
    }

    public ImageException()
        : this(ImageErrorReason.InvalidFormat, null, "invalid image")
    {
    }

    public ImageException(string message)
        : this(ImageErrorReason.InvalidFormat, null, message)
    {
    }

    public ImageException(string message, Exception inner)
        : this(ImageErrorReason.InvalidFormat, null, message, inner)
    {
    }

    /// <summary>Which rule of references, formats or outputs broke.</summary>
    public ImageErrorReason Detail { get; }

    /// <summary>What each detail means to the user.</summary>
    public static ErrorReason RootReason(ImageErrorReason detail) => detail switch
    {
        ImageErrorReason.InvalidReference or ImageErrorReason.UnsupportedTransport or ImageErrorReason.AmbiguousImage => ErrorReason.BadInput,
        // credentials are part of the command line: fixing --creds or the auth file fixes it
        ImageErrorReason.Unauthorized => ErrorReason.BadInput,
        ImageErrorReason.ImageNotFound or ImageErrorReason.PlatformNotFound => ErrorReason.NotFound,
        ImageErrorReason.DigestMismatch => ErrorReason.DigestMismatch,
        ImageErrorReason.UnsupportedMediaType => ErrorReason.Unsupported,
        ImageErrorReason.OutputRefused => ErrorReason.OutputRefused,
        ImageErrorReason.BlobMissing or ImageErrorReason.Truncated or ImageErrorReason.InvalidFormat or ImageErrorReason.UnsafePath
            or ImageErrorReason.DuplicateEntry or ImageErrorReason.TooLarge => ErrorReason.InvalidImage,
        _ => ErrorReason.Failed,
    };
}
