using System.IO.Pipelines;
using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

public sealed class TeeReadStreamConformance : ReadStreamConformance
{
    protected override bool DisposesInner => true;

    // No back-pressure: these tests read only the stream, not the copy.
    private static Pipe UnboundedPipe() => new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0));

    protected override Stream Open(byte[] content) => new TeeReadStream(Inner(content), UnboundedPipe().Writer);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_copy_gets_every_byte_read_and_then_the_end(bool synchronous)
    {
        var pipe = UnboundedPipe();
        await using (var stream = new TeeReadStream(Inner(Content), pipe.Writer))
        {
            var read = synchronous ? Drain(stream, 4093, (s, b) => s.Read(b.Span)) : await DrainAsync(stream, 4093, (s, b) => s.ReadAsync(b));
            Assert.Equal(Content, read);
        }

        var copy = new MemoryStream();
        await pipe.Reader.CopyToAsync(copy); // ends only because the pipe was completed without an error

        Assert.Equal(Content, copy.ToArray());
    }

    [Fact]
    public async Task Abandoning_the_stream_early_completes_the_copy_with_an_error()
    {
        var pipe = UnboundedPipe();
        await using (var stream = new TeeReadStream(Inner(Content), pipe.Writer))
        {
            ReadAtLeast(stream, new byte[100]);
        }

        await Assert.ThrowsAsync<OperationCanceledException>(async () => await pipe.Reader.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task Reading_goes_on_when_the_copy_s_reader_stops()
    {
        var pipe = UnboundedPipe();
        await pipe.Reader.CompleteAsync();
        await using var stream = new TeeReadStream(Inner(Content), pipe.Writer);

        Assert.Equal(Content, await DrainAsync(stream, 4093, (s, b) => s.ReadAsync(b)));
    }
}
