using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Slim.Images.Model;

/// <summary>
/// An image name as Docker normalises it (distribution/reference): <c>[domain/]path[:tag][@digest]</c>.
/// <c>myapp</c> is <c>docker.io/library/myapp:latest</c>; the first component is a registry domain only when it
/// contains '.' or ':' or is <c>localhost</c> (or has capitals); <c>index.docker.io</c> is <c>docker.io</c>.
/// </summary>
public sealed partial record ImageReference
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";

    private ImageReference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with its port when one was given (<c>docker.io</c>, <c>localhost:5000</c>).</summary>
    public string Domain { get; }

    /// <summary>The repository path inside the registry (<c>library/debian</c>).</summary>
    public string Path { get; }

    /// <summary>The tag; <c>latest</c> when neither tag nor digest was given.</summary>
    public string? Tag { get; }

    public Digest? Digest { get; }

    /// <summary><c>docker.io/library/debian</c>.</summary>
    public string Repository => $"{Domain}/{Path}";

    /// <summary>The short form Docker shows: <c>debian:bookworm</c>, <c>myorg/app:1</c>, <c>localhost:5000/app:1</c>.</summary>
    public string Familiar
    {
        get
        {
            var name = Domain == DefaultDomain
                ? (Path.StartsWith("library/", StringComparison.Ordinal) && Path.IndexOf('/', 8) < 0 ? Path[8..] : Path)
                : Repository;
            return name + Suffix;
        }
    }

    private string Suffix => (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static ImageReference Parse(string value) =>
        TryParse(value, out var reference, out var error)
            ? reference
            : throw new ImageException(ImageErrorReason.InvalidReference, value, $"'{value}' is not a valid image reference: {error}");

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out ImageReference? reference) =>
        TryParse(value, out reference, out _);

    private static bool TryParse(string? value, [NotNullWhen(true)] out ImageReference? reference, out string error)
    {
        reference = null;
        if (string.IsNullOrEmpty(value))
        {
            error = "it is empty";
            return false;
        }

        var name = value;
        Digest? digest = null;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Model.Digest.TryParse(name[(at + 1)..], out var parsed))
            {
                error = "the part after '@' is not a sha256 digest";
                return false;
            }

            digest = parsed;
            name = name[..at];
        }

        string? tag = null;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"'{tag}' is not a valid tag";
                return false;
            }
        }

        if (name.Length == 0)
        {
            error = "the name is empty";
            return false;
        }

        if (name.Length > 255)
        {
            error = "the name is longer than 255 characters";
            return false;
        }

        string domain;
        string path;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? name : name[..slash];
        if (slash < 0 || (first.IndexOfAny(['.', ':']) < 0 && first != "localhost" && !first.Any(char.IsUpper)))
        {
            domain = DefaultDomain;
            path = name;
        }
        else
        {
            domain = first;
            path = name[(slash + 1)..];
            if (!DomainPattern().IsMatch(domain))
            {
                error = $"'{domain}' is not a valid registry host";
                return false;
            }
        }

        if (domain == "index.docker.io")
        {
            domain = DefaultDomain;
        }

        if (domain == DefaultDomain && !path.Contains('/', StringComparison.Ordinal))
        {
            if (HexIdPattern().IsMatch(path))
            {
                error = "a 64-digit hexadecimal string is an image ID, not a repository name";
                return false;
            }

            path = "library/" + path;
        }

        if (path.Any(char.IsUpper))
        {
            error = "the repository name must be lowercase";
            return false;
        }

        if (!path.Split('/').All(c => PathComponentPattern().IsMatch(c)))
        {
            error = "the repository path has an invalid component (allowed: a-z, 0-9 and single '.', '_', '__' or '-' runs between them)";
            return false;
        }

        reference = new ImageReference(domain, path, tag ?? (digest is null ? DefaultTag : null), digest);
        error = "";
        return true;
    }

    /// <summary>The same repository with another tag (and no digest).</summary>
    public ImageReference WithTag(string tag) =>
        TagPattern().IsMatch(tag)
            ? new ImageReference(Domain, Path, tag, null)
            : throw new ImageException(ImageErrorReason.InvalidReference, tag, $"'{tag}' is not a valid tag");

    /// <summary>The canonical form: <c>docker.io/library/debian:bookworm</c>.</summary>
    public override string ToString() => Repository + Suffix;

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$")]
    private static partial Regex PathComponentPattern();

    [GeneratedRegex(@"^[a-f0-9]{64}$")]
    private static partial Regex HexIdPattern();
}
