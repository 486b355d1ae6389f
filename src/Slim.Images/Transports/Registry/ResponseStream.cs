namespace Slim.Images.Transports.Registry;

/// <summary>A response's content stream that releases the response (and its connection) when it is disposed.</summary>
internal sealed class ResponseStream(Stream content, HttpResponseMessage response) : Streams.ForwardOnlyReadStream
{
    public override int Read(Span<byte> buffer) => content.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => content.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            content.Dispose();
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
