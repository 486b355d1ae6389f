using System.Diagnostics.CodeAnalysis;

namespace Slim.Images.Archives;

/// <summary>
/// A path in an image's filesystem, canonical, in two forms: <see cref="Key"/> as tar entries and indexes key it
/// (<c>usr/bin/env</c>, the root is <c>""</c>) and <see cref="Absolute"/> as a process inside the container names it
/// (<c>/usr/bin/env</c>, the root is <c>/</c>).
/// </summary>
/// <remarks>
/// The rules, decided here once: empty segments and <c>.</c> are dropped (<c>./a//b/</c> is <c>a/b</c>); NUL is refused.
/// An archive name (<see cref="TryFromKey"/>) must be relative and may not contain <c>..</c> at all: an entry that
/// climbs is hostile, not something to fold. An absolute path (<see cref="TryFromAbsolute"/>) folds <c>..</c>
/// lexically and, as the kernel does, <c>/..</c> stays at the root, so it can never leave the image.
/// </remarks>
public readonly struct ImagePath : IEquatable<ImagePath>, IComparable<ImagePath>
{
    private readonly string? _key;

    private ImagePath(string key) => _key = key;

    /// <summary>The root directory (also the default value).</summary>
    public static ImagePath Root => default;

    /// <summary>The relative form, no leading slash: <c>usr/bin/env</c>; "" for the root.</summary>
    public string Key => _key ?? "";

    /// <summary>The absolute form: <c>/usr/bin/env</c>; "/" for the root.</summary>
    public string Absolute => "/" + Key;

    public bool IsRoot => Key.Length == 0;

    /// <summary>The last segment ("" for the root).</summary>
    public string Name => Key[(Key.LastIndexOf('/') + 1)..];

    /// <summary>The directory holding this path (the root's parent is the root).</summary>
    public ImagePath Parent => Key.LastIndexOf('/') is var slash and >= 0 ? new ImagePath(Key[..slash]) : Root;

    /// <summary>The parents of this path, nearest first, not counting the root.</summary>
    public IEnumerable<ImagePath> Ancestors()
    {
        var key = Key;
        for (var slash = key.LastIndexOf('/'); slash > 0; slash = key.LastIndexOf('/', slash - 1))
        {
            yield return new ImagePath(key[..slash]);
        }
    }

    /// <summary>A child of this directory; <paramref name="name"/> is one segment (no '/', not "." or "..").</summary>
    public ImagePath Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name is "" or "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a single path segment", nameof(name));
        }

        return new ImagePath(IsRoot ? name : Key + "/" + name);
    }

    /// <summary>True when this path lies strictly below <paramref name="directory"/>.</summary>
    public bool IsBelow(ImagePath directory) =>
        directory.IsRoot ? !IsRoot : Key.Length > directory.Key.Length && Key[directory.Key.Length] == '/' && Key.StartsWith(directory.Key, StringComparison.Ordinal);

    /// <summary>An archive or index name in its relative form; an <see cref="ImageException"/> (UnsafePath) naming <paramref name="subject"/> if it leaves its root.</summary>
    public static ImagePath FromKey(string key, string subject = "path") =>
        TryFromKey(key, out var path)
            ? path
            : throw new ImageException(ImageErrorReason.UnsafePath, key, $"{subject}: entry '{key}' leaves its root (absolute name or '..')");

    public static bool TryFromKey([NotNullWhen(true)] string? key, out ImagePath path)
    {
        path = Root;
        if (key is null || key.StartsWith('/'))
        {
            return false;
        }

        return TryFold(key, climb: false, out path);
    }

    /// <summary>A path as a process names it; an <see cref="ImageException"/> (UnsafePath) when it is not absolute.</summary>
    public static ImagePath FromAbsolute(string absolutePath) =>
        TryFromAbsolute(absolutePath, out var path)
            ? path
            : throw new ImageException(ImageErrorReason.UnsafePath, absolutePath, $"'{absolutePath}' is not an absolute path");

    public static bool TryFromAbsolute([NotNullWhen(true)] string? absolutePath, out ImagePath path)
    {
        path = Root;
        if (absolutePath is null || !absolutePath.StartsWith('/'))
        {
            return false;
        }

        return TryFold(absolutePath, climb: true, out path);
    }

    /// <summary>
    /// A relative path that may climb (a link target joined to its directory), folded; false when it would climb above
    /// the root, is absolute or holds NUL.
    /// </summary>
    public static bool TryResolveWithin([NotNullWhen(true)] string? relativePath, out ImagePath path)
    {
        path = Root;
        if (relativePath is null || relativePath.StartsWith('/'))
        {
            return false;
        }

        var parts = new List<string>();
        foreach (var part in relativePath.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (!TryAddSegment(part, parts))
            {
                return false;
            }
        }

        path = new ImagePath(string.Join('/', parts));
        return true;
    }

    public bool Equals(ImagePath other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ImagePath other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Ordinal order of the keys: a directory sorts before what is below it.</summary>
    public int CompareTo(ImagePath other) => string.CompareOrdinal(Key, other.Key);

    /// <summary>The absolute form.</summary>
    public override string ToString() => Absolute;

    public static bool operator ==(ImagePath left, ImagePath right) => left.Equals(right);

    public static bool operator !=(ImagePath left, ImagePath right) => !left.Equals(right);

    public static bool operator <(ImagePath left, ImagePath right) => left.CompareTo(right) < 0;

    public static bool operator <=(ImagePath left, ImagePath right) => left.CompareTo(right) <= 0;

    public static bool operator >(ImagePath left, ImagePath right) => left.CompareTo(right) > 0;

    public static bool operator >=(ImagePath left, ImagePath right) => left.CompareTo(right) >= 0;

    private static bool TryFold(string text, bool climb, out ImagePath path)
    {
        path = Root;
        var parts = new List<string>();
        foreach (var part in text.Split('/'))
        {
            if (part == "..")
            {
                if (!climb)
                {
                    return false;
                }

                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (!TryAddSegment(part, parts))
            {
                return false;
            }
        }

        path = new ImagePath(string.Join('/', parts));
        return true;
    }

    /// <summary>Adds an ordinary segment; drops "" and "."; false for a segment holding NUL.</summary>
    private static bool TryAddSegment(string part, List<string> parts)
    {
        if (part.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        if (part is not ("" or "."))
        {
            parts.Add(part);
        }

        return true;
    }
}
