using System.IO.Pipelines;

namespace Slim.Images.Streams;

/// <summary>
/// A read-through stream that also hands every byte read to a pipe (for a second consumer, such as a diff_id check that
/// decompresses on another thread). If that consumer stops, reading goes on without it; the end of the stream, or
/// disposal, completes the pipe.
/// </summary>
internal sealed class TeeReadStream(Stream inner, PipeWriter copy) : ForwardOnlyReadStream, IDigestCheckingStream
{
    private bool _copying = true;
    private bool _completed;

    public override long Length => inner.Length;

    /// <summary>A tee passes every byte through, so it checks what the stream it reads checks.</summary>
    public bool Checks(Model.Digest digest, long size) => inner is IDigestCheckingStream checking && checking.Checks(digest, size);

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => ReadThroughArray(buffer, memory => ReadAsync(memory).AsTask().GetAwaiter().GetResult());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0 && !buffer.IsEmpty)
        {
            await CompleteAsync(null).ConfigureAwait(false);
        }
        else if (_copying && n > 0)
        {
            var result = await copy.WriteAsync(buffer[..n], cancellationToken).ConfigureAwait(false);
            _copying = !result.IsCompleted;
        }

        return n;
    }

    private async ValueTask CompleteAsync(Exception? error)
    {
        if (!_completed)
        {
            _completed = true;
            await copy.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CompleteAsync(_completed ? null : new OperationCanceledException("the stream was abandoned")).AsTask().GetAwaiter().GetResult();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await CompleteAsync(_completed ? null : new OperationCanceledException("the stream was abandoned")).ConfigureAwait(false);
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
