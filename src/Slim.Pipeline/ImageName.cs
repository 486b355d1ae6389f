using Slim.Images;
using Slim.Images.Model;

namespace Slim.Pipeline;

/// <summary>
/// An image in the engine as the user named it on the command line, checked when the request is made. The text stays as
/// given, since messages, artifact file names and the report use it; <see cref="Reference"/> is the parsed name.
/// </summary>
public sealed record ImageName
{
    private ImageName(string text, ImageReference? reference)
    {
        Text = text;
        Reference = reference;
    }

    public string Text { get; }

    /// <summary>The parsed name; null for an image ID (<c>sha256:…</c>), which only the engine resolves.</summary>
    public ImageReference? Reference { get; }

    /// <summary>An image to work on: a name or an image ID (<c>sha256:…</c>, its 64 hex digits, or a short prefix, which parses as a name).</summary>
    /// <exception cref="ImageException">Neither (an invalid reference: bad input).</exception>
    public static ImageName Target(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Digest.TryParse(text, out _) || IsFullHexId(text) ? new ImageName(text, null) : new ImageName(text, Parse(text, option));
    }

    private static bool IsFullHexId(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>A name to give an image: a reference, not an ID.</summary>
    /// <exception cref="ImageException">Not a valid reference (bad input).</exception>
    public static ImageName Tag(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new ImageException(ImageErrorReason.InvalidReference, text, $"{option} {text}: an image written to the engine needs a name (repo:tag), not an ID");
        }

        return new ImageName(text, Parse(text, option));
    }

    private static ImageReference Parse(string text, string option)
    {
        try
        {
            return ImageReference.Parse(text);
        }
        catch (ImageException e) when (e.Detail == ImageErrorReason.InvalidReference)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, text, $"{option} {text}: {e.Message}", e);
        }
    }

    public override string ToString() => Text;
}
