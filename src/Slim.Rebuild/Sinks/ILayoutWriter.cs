namespace Slim.Rebuild.Sinks;

/// <summary>Files of an image layout going into a tar stream or a directory.</summary>
internal interface ILayoutWriter : IAsyncDisposable
{
    /// <summary>Writes a file of exactly <paramref name="size"/> bytes.</summary>
    Task WriteFileAsync(string path, Stream content, long size, CancellationToken cancellationToken);

    /// <summary>Ends the layout and makes it appear at its destination.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
