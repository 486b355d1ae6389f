namespace Slim.Images;

/// <summary>
/// Something about an image, a reference or an archive is wrong or missing. <see cref="Reason"/> says what,
/// <see cref="Subject"/> names the image, blob, path or entry it is about; the command line maps both once.
/// </summary>
public sealed class ImageException : Exception
{
    public ImageException(ImageErrorReason reason, string? subject, string message)
        : base(message)
    {
        Reason = reason;
        Subject = subject;
    }

    public ImageException(ImageErrorReason reason, string? subject, string message, Exception? inner)
        : base(message, inner)
    {
        Reason = reason;
        Subject = subject;
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

    public ImageErrorReason Reason { get; }

    public string? Subject { get; }
}
