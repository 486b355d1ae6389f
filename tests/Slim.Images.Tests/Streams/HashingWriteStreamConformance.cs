using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

public class HashingWriteStreamConformance : WriteStreamConformance
{
    protected virtual bool LeaveOpen => false;

    protected override bool DisposesDestination => !LeaveOpen;

    protected override bool ReportsBytesWritten => true;

    protected override Stream Open(Stream destination) => new HashingWriteStream(destination, LeaveOpen);

    [Theory]
    [InlineData(1)]
    [InlineData(4093)]
    public async Task The_digest_and_count_are_those_of_the_bytes_written(int chunk)
    {
        var destination = new RecordingWriteStream();
        using var stream = new HashingWriteStream(destination, LeaveOpen);
        var turn = 0;
        foreach (var piece in Content.Chunk(chunk))
        {
            if (turn++ % 2 == 0)
            {
                stream.Write(piece);
            }
            else
            {
                await stream.WriteAsync(piece);
            }
        }

        Assert.Equal(Digest.Compute(Content), stream.GetDigest());
        Assert.Equal(Digest.Compute(Content), stream.GetDigest()); // asking twice gives the same answer
        Assert.Equal(Content.Length, stream.BytesWritten);
        Assert.Equal(Content, destination.Written);
    }
}
