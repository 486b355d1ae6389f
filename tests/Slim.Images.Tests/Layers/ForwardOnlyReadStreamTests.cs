using System.IO.Pipelines;
using Slim.Images.Layers;
using Slim.Images.Streams;
using Slim.Testing;

namespace Slim.Images.Tests.Layers;

/// <summary>The wrappers' synchronous reads (array and span) reach the same bytes as their asynchronous ones.</summary>
public sealed class ForwardOnlyReadStreamTests
{
    private static readonly byte[] Bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();

    private static byte[] ReadSync(Stream stream, bool span)
    {
        var output = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = span ? stream.Read(buffer.AsSpan()) : stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    public static TheoryData<string, bool> Wrappers() => new()
    {
        { "tee", false }, { "tee", true }, { "counting", false }, { "counting", true },
        { "hashing", false }, { "hashing", true }, { "pax", false }, { "pax", true },
    };

    [Theory]
    [MemberData(nameof(Wrappers))]
    public void Synchronous_reads_pass_every_byte_through(string wrapper, bool span)
    {
        var input = wrapper == "pax" ? new TestTar().File("a", Bytes).ToBytes() : Bytes;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        using Stream stream = wrapper switch
        {
            "tee" => new TeeReadStream(new MemoryStream(input), pipe.Writer),
            "counting" => new CountingReadStream(new MemoryStream(input)),
            "hashing" => new HashingReadStream(new MemoryStream(input)),
            _ => new PaxXattrReadFilter(new MemoryStream(input)),
        };

        Assert.Equal(input, ReadSync(stream, span));
    }
}
