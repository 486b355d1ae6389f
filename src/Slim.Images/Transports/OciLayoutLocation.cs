namespace Slim.Images.Transports;

/// <summary>An OCI image layout directory; the reference is matched against the index's ref.name annotations.</summary>
public sealed record OciLayoutLocation(string Path, string? Reference) : ImageLocation
{
    public override string ToString() => "oci:" + Path + (Reference is null ? "" : ":" + Reference);
}
