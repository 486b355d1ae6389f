using Slim.Images.Model;
namespace Slim.Images.Transports;

/// <summary>
/// Where an image is, in skopeo's transport syntax: <c>docker-daemon:REF</c> (the default when no transport is given),
/// <c>docker-archive:PATH[:REF]</c>, <c>oci:DIR[:REF]</c>, <c>oci-archive:PATH[:REF]</c>, <c>docker://HOST/REPO[:TAG|@DIGEST]</c>.
/// </summary>
public abstract record ImageLocation
{
    public static ImageLocation Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var transport = colon < 0 ? "" : value[..colon];
        var rest = colon < 0 ? value : value[(colon + 1)..];
        switch (transport)
        {
            case "docker-daemon":
                return DaemonImageLocation.FromName(rest);
            case "docker-archive":
                var (archive, archiveRef) = SplitPath(value, rest);
                return new DockerArchiveLocation(archive, archiveRef is null ? null : Model.ImageReference.Parse(archiveRef));
            case "oci":
                var (dir, dirRef) = SplitPath(value, rest);
                return new OciLayoutLocation(dir, dirRef);
            case "oci-archive":
                var (file, fileRef) = SplitPath(value, rest);
                return new OciArchiveLocation(file, fileRef);
            case "docker":
                return Registry.RegistryLocation.FromTransportPart(value, rest);
            case "containers-storage" or "dir" or "registry":
                throw new ImageException(ImageErrorReason.UnsupportedTransport, value,
                    $"the '{transport}:' transport is not supported (use docker://, docker-daemon:, docker-archive:, oci: or oci-archive:)");
            default:
                return DaemonImageLocation.FromName(value);
        }
    }

    private static (string Path, string? Reference) SplitPath(string whole, string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var path = colon < 0 ? rest : rest[..colon];
        var reference = colon < 0 ? null : rest[(colon + 1)..];
        if (path.Length == 0)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, whole, $"'{whole}' names no path");
        }

        return (path, string.IsNullOrEmpty(reference) ? null : reference);
    }
}
