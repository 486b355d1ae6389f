using Slim.Images.Model;

namespace Slim.Images.Sinks;

/// <summary>The manifest that finishes an image in a sink, and the name to give it when the sink has none of its own.</summary>
public sealed record ImageCommit(Descriptor ManifestDescriptor, ReadOnlyMemory<byte> ManifestBytes, ImageManifest Manifest, ImageReference? Name);
