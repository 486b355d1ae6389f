using Slim.Images.Streams;
namespace Slim.Engine.Images;

/// <summary>
/// The engine's export response, made safe for readers that ask for zero bytes (System.Formats.Tar does at the end of an
/// empty entry): Docker.DotNet's chunked response stream throws on such reads at a chunk boundary.
/// </summary>
internal sealed class ExportStream(Stream inner) : Slim.Images.Streams.ForwardOnlyReadStream
{
    public override int Read(byte[] buffer, int offset, int count) => count == 0 ? 0 : inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        count == 0 ? Task.FromResult(0) : inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        buffer.IsEmpty ? ValueTask.FromResult(0) : inner.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
