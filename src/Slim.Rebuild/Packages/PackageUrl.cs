using System.Text;

namespace Slim.Rebuild.Packages;

/// <summary>
/// The package URL (purl spec, github.com/package-url/purl-spec) of an OS package:
/// <c>pkg:deb/debian/NAME@VERSION?arch=ARCH&amp;distro=debian-12.11</c>, <c>pkg:apk/alpine/…</c> likewise. The spec leaves
/// the distro qualifier's value open (its examples give a codename); this is trivy's spelling, ID-RELEASE with Debian's
/// point release (syft's ID-VERSION_ID and grype read the major version from either).
/// </summary>
public static class PackageUrl
{
    public static string For(KeptPackage package, OsRelease? os)
    {
        ArgumentNullException.ThrowIfNull(package);
        var type = package.Manager == PackageManager.Apk ? "apk" : "deb";
        var vendor = os?.Id ?? (package.Manager == PackageManager.Apk ? "alpine" : "debian");
        var url = new StringBuilder($"pkg:{type}/{Encode(vendor.ToLowerInvariant())}/{Encode(package.Name.ToLowerInvariant())}@{Encode(package.Version)}");
        var qualifiers = new List<string>();
        if (package.Architecture.Length > 0)
        {
            qualifiers.Add("arch=" + Encode(package.Architecture));
        }

        if (os?.Release is { } version)
        {
            qualifiers.Add("distro=" + Encode($"{vendor}-{version}"));
        }

        if (qualifiers.Count > 0)
        {
            url.Append('?').AppendJoin('&', qualifiers);
        }

        return url.ToString();
    }

    /// <summary>Percent-encodes all but the unreserved characters (so a version's '+' and an epoch's ':' are encoded).</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
