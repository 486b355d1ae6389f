using Slim.Images.Model;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// An image in a registry, in skopeo's spelling: <c>docker://HOST[:PORT]/REPO[:TAG|@DIGEST]</c>. A bare name takes Docker's
/// defaults (<c>docker://debian</c> is <c>docker.io/library/debian:latest</c>).
/// </summary>
public sealed record RegistryLocation(ImageReference Reference) : ImageLocation
{
    public const string Prefix = "docker://";

    /// <summary>The registry as people name it (<c>docker.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Registry => Reference.Domain;

    /// <summary>The repository inside the registry (<c>library/debian</c>).</summary>
    public string Repository => Reference.Path;

    /// <summary>What the manifest is fetched or pushed by: the digest when one was given, else the tag.</summary>
    public string ManifestReference => Reference.Digest?.ToString() ?? Reference.Tag ?? ImageReference.DefaultTag;

    /// <summary>Parses what follows <c>docker:</c> (which must start with <c>//</c>).</summary>
    public static RegistryLocation FromTransportPart(string whole, string rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        if (!rest.StartsWith("//", StringComparison.Ordinal) || rest.Length == 2)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, whole,
                $"'{whole}' is not a registry reference (expected docker://HOST[:PORT]/REPO[:TAG|@DIGEST], e.g. docker://127.0.0.1:5000/app:1)");
        }

        return new RegistryLocation(ImageReference.Parse(rest[2..]));
    }

    public override string ToString() => Prefix + Reference;
}
