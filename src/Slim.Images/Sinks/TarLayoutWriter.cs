using System.Formats.Tar;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Sinks;

/// <summary>
/// Writes layout files as a reproducible ustar archive (fixed mode, owner and mtime) into a stream, which may be unseekable
/// (the engine's load). <paramref name="commit"/> runs after the end-of-archive marker; <paramref name="abort"/> when disposed uncommitted.
/// </summary>
internal sealed class TarLayoutWriter(Stream output, Func<CancellationToken, Task> commit, Func<ValueTask> abort) : ILayoutWriter
{
    private readonly TarWriter _writer = new(output, TarEntryFormat.Ustar, leaveOpen: true);
    private bool _committed;

    public async Task WriteFileAsync(string path, Stream content, long size, CancellationToken cancellationToken)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            ModificationTime = DateTimeOffset.UnixEpoch,
            Uid = 0,
            Gid = 0,
        };
        var data = new KnownLengthStream(content, size);
        entry.DataStream = data;
        await _writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        if (data.Position != size)
        {
            throw new ImageException(ImageErrorReason.Truncated, path, $"'{path}' was {data.Position} bytes, expected {size}");
        }

        // the source may still owe its end-of-stream check (digest): read it
        if (await content.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new ImageException(ImageErrorReason.Truncated, path, $"'{path}' is longer than {size} bytes");
        }
    }

    public bool TakesFilesConcurrently => false;

    public bool CanWriteUnnamedBlobs => output.CanSeek;

    public async Task<Digest> WriteBlobAsync(Stream content, long size, Func<Digest, bool> alreadyWritten, CancellationToken cancellationToken)
    {
        if (!output.CanSeek)
        {
            throw new InvalidOperationException("blobs of unknown digest need a seekable archive");
        }

        // the name goes into the header before the content is hashed: write a placeholder, then patch the header
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var header = output.Position;
        var placeholder = "blobs/sha256/" + new string('0', 64);
        var hashing = new HashingReadStream(content);
        await WriteFileAsync(placeholder, hashing, size, cancellationToken).ConfigureAwait(false);
        var digest = hashing.GetDigest();
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (alreadyWritten(digest))
        {
            output.SetLength(header);
            output.Position = header;
            return digest;
        }

        var end = output.Position;
        var block = new byte[512];
        output.Position = header;
        await output.ReadExactlyAsync(block, cancellationToken).ConfigureAwait(false);
        System.Text.Encoding.ASCII.GetBytes("blobs/sha256/" + digest.Encoded).CopyTo(block, 0);
        block.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in block)
        {
            sum += b;
        }

        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0')).CopyTo(block, 148);
        block[154] = 0;
        output.Position = header;
        await output.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        output.Position = end;
        return digest;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await commit(cancellationToken).ConfigureAwait(false);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            await abort().ConfigureAwait(false);
        }
    }
}
