namespace Slim.Images.Sinks;

/// <summary>An output file written under a temporary name beside its destination and renamed into place on commit.</summary>
public sealed class PendingFile : IAsyncDisposable
{
    private bool _committed;

    /// <param name="destination">The file to write.</param>
    /// <param name="overwrite">Replace an existing file (--force); without it an existing file is refused.</param>
    public PendingFile(string destination, bool overwrite = false)
    {
        Destination = Path.GetFullPath(destination);
        if (Directory.Exists(Destination))
        {
            throw new ImageException(ImageErrorReason.OutputRefused, destination, $"{destination} is a directory; name a file");
        }

        if (File.Exists(Destination) && !overwrite)
        {
            throw new ImageException(ImageErrorReason.OutputRefused, destination, $"{destination} exists; remove it, choose another name or pass --force to replace it");
        }

        var parent = Path.GetDirectoryName(Destination)!;
        if (!Directory.Exists(parent))
        {
            throw new ImageException(ImageErrorReason.OutputRefused, destination, $"{parent} does not exist");
        }

        TemporaryPath = Path.Combine(parent, $".{Path.GetFileName(Destination)}.slim-tmp-{Guid.NewGuid():N}");
        Stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.Asynchronous);
    }

    public string Destination { get; }

    public string TemporaryPath { get; }

    public FileStream Stream { get; }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        File.Move(TemporaryPath, Destination, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }
}
