using Slim.Images.Model;
using Slim.Images.Streams;
namespace Slim.Images.Sinks;

/// <summary>
/// Writes layout files into a fresh temporary directory beside the destination and moves it into place on commit, so a
/// failed or cancelled write leaves nothing. An existing destination must be an empty directory, unless it may be replaced
/// (--force): then whatever is there goes at commit, not before.
/// </summary>
internal sealed class DirectoryLayoutWriter : ILayoutWriter
{
    private readonly string _destination;
    private readonly string _temporary;
    private readonly bool _overwrite;
    private bool _committed;

    public DirectoryLayoutWriter(string destination, bool overwrite = false)
    {
        _destination = Path.GetFullPath(destination);
        _overwrite = overwrite;
        if (!overwrite && (File.Exists(_destination) || (Directory.Exists(_destination) && Directory.EnumerateFileSystemEntries(_destination).Any())))
        {
            throw new ImageException(ImageErrorReason.OutputRefused, destination, $"{destination} exists and is not an empty directory; remove it, choose another or pass --force to replace it");
        }

        var parent = Path.GetDirectoryName(_destination)!;
        Directory.CreateDirectory(parent);
        _temporary = Path.Combine(parent, $".{Path.GetFileName(_destination)}.slim-tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_temporary);
    }

    public async Task WriteFileAsync(string path, Stream content, long size, CancellationToken cancellationToken)
    {
        var target = Path.Combine(_temporary, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        if (file.Length != size)
        {
            throw new ImageException(ImageErrorReason.Truncated, path, $"'{path}' was {file.Length} bytes, expected {size}");
        }
    }

    public bool TakesFilesConcurrently => true;

    public bool CanWriteUnnamedBlobs => true;

    public async Task<Digest> WriteBlobAsync(Stream content, long size, Func<Digest, bool> alreadyWritten, CancellationToken cancellationToken)
    {
        var pending = $"blobs/sha256/.pending-{Guid.NewGuid():N}";
        var hashing = new Streams.HashingReadStream(content);
        await WriteFileAsync(pending, hashing, size, cancellationToken).ConfigureAwait(false);
        var digest = hashing.GetDigest();
        var from = Path.Combine(_temporary, pending);
        if (alreadyWritten(digest))
        {
            File.Delete(from);
        }
        else
        {
            File.Move(from, Path.Combine(_temporary, "blobs", "sha256", digest.Encoded));
        }

        return digest;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(_destination))
        {
            Directory.Delete(_destination, recursive: _overwrite); // empty (checked at the start) unless it may be replaced
        }
        else if (_overwrite && File.Exists(_destination))
        {
            File.Delete(_destination);
        }

        Directory.Move(_temporary, _destination);
        _committed = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!_committed && Directory.Exists(_temporary))
        {
            Directory.Delete(_temporary, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
