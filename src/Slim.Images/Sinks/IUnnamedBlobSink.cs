using Slim.Images.Model;

namespace Slim.Images.Sinks;

/// <summary>
/// A sink that can take a blob before its digest is known (hashing while writing), so a stream whose index comes last
/// (the engine's export) is copied in one pass. Archives on disk and directories can; the engine's load stream cannot.
/// </summary>
public interface IUnnamedBlobSink
{
    bool CanWriteUnnamedBlobs { get; }

    /// <summary>Writes exactly <paramref name="size"/> bytes and returns their descriptor.</summary>
    Task<Descriptor> WriteUnnamedBlobAsync(MediaType mediaType, Stream content, long size, CancellationToken cancellationToken);
}
