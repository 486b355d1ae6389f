using Slim.Images.Model;
using Slim.Images.Transports;

namespace Slim.Images.Sinks;

/// <summary>Opens the file-backed sinks. The engine sink lives with the engine client (Slim.Cli).</summary>
public static class ImageSinks
{
    /// <summary>
    /// A sink for <c>docker-archive:</c>, <c>oci:</c> or <c>oci-archive:</c>; nothing appears there until commit. An existing
    /// file (or non-empty folder) there is refused unless <paramref name="overwrite"/> (--force), and then replaced at commit.
    /// </summary>
    public static IImageSink Open(ImageLocation location, bool overwrite = false) => location switch
    {
        DockerArchiveLocation archive => ToStream(new PendingFile(archive.Path, overwrite), LayoutFlavor.DockerArchive, location.ToString(), archive.Reference, null),
        OciArchiveLocation archive => ToStream(new PendingFile(archive.Path, overwrite), LayoutFlavor.Oci, location.ToString(), null, archive.Reference),
        OciLayoutLocation layout => new LayoutImageSink(new DirectoryLayoutWriter(layout.Path, overwrite), LayoutFlavor.Oci, location.ToString(), null, layout.Reference),
        _ => throw new ImageException(ImageErrorReason.UnsupportedTransport, location.ToString(), $"{location} cannot be written as files"),
    };

    /// <summary>
    /// A `docker save`-format archive written into any stream (for example the engine's load request);
    /// <paramref name="commit"/> runs once the archive is complete, <paramref name="abort"/> when it is abandoned.
    /// </summary>
    public static IImageSink DockerArchiveToStream(Stream output, string description, ImageReference? name, Func<CancellationToken, Task> commit, Func<ValueTask> abort) =>
        new LayoutImageSink(new TarLayoutWriter(output, commit, abort), LayoutFlavor.DockerArchive, description, name, null);

    private static LayoutImageSink ToStream(PendingFile file, LayoutFlavor flavor, string description, ImageReference? name, string? refName) =>
        new(new TarLayoutWriter(file.Stream, file.CommitAsync, file.DisposeAsync), flavor, description, name, refName);
}
