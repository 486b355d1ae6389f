using Slim.Images.Archives;
using Slim.Images.Model;
using Slim.Images.Transports;

namespace Slim.Images.Sources;

/// <summary>Opens the file-backed sources. The engine source lives with the engine client (Slim.Cli).</summary>
public static class ImageSources
{
    /// <summary>
    /// Opens a <c>docker-archive:</c>, <c>oci:</c> or <c>oci-archive:</c> location; <paramref name="platform"/> picks
    /// from an image index (linux/amd64 when null).
    /// </summary>
    public static IImageSource Open(ImageLocation location, Platform? platform = null) => location switch
    {
        DockerArchiveLocation archive => OpenDockerArchive(archive.Path, archive.Reference, platform, location.ToString()),
        OciLayoutLocation layout => OpenOciLayout(layout, platform),
        OciArchiveLocation archive => new OciLayoutSource(TarFileTree.Load(archive.Path), location.ToString(), RefFilter(archive.Reference), archive.Reference, platform ?? Platform.LinuxAmd64),
        _ => throw new ImageException(ImageErrorReason.UnsupportedTransport, location.ToString(), $"{location} cannot be opened from files"),
    };

    /// <summary>
    /// A `docker save` archive in either layout: the OCI-shaped one (with <c>index.json</c>, newer engines) is read as OCI
    /// so digests survive, the classic one through <c>manifest.json</c>.
    /// </summary>
    public static IImageSource OpenDockerArchive(string path, ImageReference? reference, Platform? platform = null, string? description = null)
    {
        description ??= "docker-archive:" + path;
        var tree = TarFileTree.Load(path);
        if (tree.TryGetSize(OciLayoutFile.FileName, out _) && tree.TryGetSize("index.json", out _))
        {
            Func<Descriptor, bool>? filter = reference is null ? null : d => NamedAs(d, reference);
            return new OciLayoutSource(tree, description, filter, reference?.Familiar, platform ?? Platform.LinuxAmd64);
        }

        return new ClassicDockerArchiveSource(tree, description, reference);
    }

    private static OciLayoutSource OpenOciLayout(OciLayoutLocation layout, Platform? platform)
    {
        if (!Directory.Exists(layout.Path))
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, layout.Path, $"{layout.Path} does not exist or is not a directory");
        }

        return new OciLayoutSource(new DirectoryFileTree(layout.Path), layout.ToString(), RefFilter(layout.Reference), layout.Reference, platform ?? Platform.LinuxAmd64);
    }

    private static Func<Descriptor, bool>? RefFilter(string? reference) =>
        reference is null ? null : d => d.RefName == reference;

    private static bool NamedAs(Descriptor descriptor, ImageReference reference)
    {
        if (descriptor.Annotations?.GetValueOrDefault(Descriptor.ContainerdNameAnnotation) is { } full)
        {
            return ImageReference.TryParse(full, out var parsed) && parsed == reference;
        }

        return descriptor.RefName is { } name && (name == reference.Tag || (ImageReference.TryParse(name, out var r) && r == reference));
    }
}
