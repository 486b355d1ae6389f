namespace Slim.Images.Transports;

/// <summary>An OCI image layout in a tar file.</summary>
public sealed record OciArchiveLocation(string Path, string? Reference) : ImageLocation
{
    public override string ToString() => "oci-archive:" + Path + (Reference is null ? "" : ":" + Reference);
}
