using Slim.Images.Model;

namespace Slim.Images.Transports;

/// <summary>A `docker save` archive; the reference picks one image when it holds several, and tags it when writing.</summary>
public sealed record DockerArchiveLocation(string Path, ImageReference? Reference) : ImageLocation
{
    public override string ToString() => "docker-archive:" + Path + (Reference is null ? "" : ":" + Reference.Familiar);
}
