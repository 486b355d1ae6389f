using Slim.Images.Copy;
using Slim.Images.Sinks;

namespace Slim.Images.Sources;

/// <summary>
/// A source whose bytes arrive as one `docker save` export stream (the engine): besides the random access of
/// <see cref="IImageSource"/>, which lands the export on disk first, it can hand the stream over for a single pass.
/// Callers ask for this capability instead of knowing the engine's source type.
/// </summary>
public interface IExportingImageSource : IImageSource
{
    /// <summary>
    /// Hands the export stream to <paramref name="read"/> for one pass, with nothing landed on disk. The reader returns null, and so does this, when the export
    /// holds compressed layers (a one-pass read cannot check them): then read through <see cref="IImageSource"/>.
    /// </summary>
    Task<T?> ReadExportAsync<T>(Func<Stream, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Reads the export once while it arrives: <paramref name="read"/> parses the bytes as they come while the same bytes
    /// land in a file (named to it: complete once it returns) that then serves every later read of this source.
    /// </summary>
    Task<(SourceImage Image, T Result)> ReadWhileExportingAsync<T>(Func<Stream, string, CancellationToken, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>The image's documents straight from the export stream, without landing it; layer digests are still checked.</summary>
    Task<SourceImage> ReadImageWithoutSpoolingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Copies the image into <paramref name="sink"/> straight from the export stream when the sink can take blobs before
    /// their digest is known; null when it cannot (then copy through <see cref="IImageSource"/>).
    /// </summary>
    Task<ImageCopyResult?> TryStreamCopyAsync(IImageSink sink, IProgress<string>? progress, CancellationToken cancellationToken);
}
