using Slim.Images.Model;

namespace Slim.Images.Transports;

/// <summary>An image in the Docker engine, by reference or by image ID (<c>sha256:…</c>).</summary>
public sealed record DaemonImageLocation(ImageReference? Reference, Digest? ImageId) : ImageLocation
{
    /// <summary>What the engine API is asked for: the canonical reference or the image ID.</summary>
    public string EngineName => ImageId?.ToString() ?? Reference!.ToString();

    public static DaemonImageLocation FromName(string name) =>
        Digest.TryParse(name, out var id) ? new DaemonImageLocation(null, id) : new DaemonImageLocation(ImageReference.Parse(name), null);

    public override string ToString() => "docker-daemon:" + (ImageId?.ToString() ?? Reference!.Familiar);
}
