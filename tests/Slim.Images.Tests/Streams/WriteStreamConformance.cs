namespace Slim.Images.Tests.Streams;

/// <summary>
/// What every write wrapper in Slim.Images.Streams promises, run once per wrapper: any chunk size and write path
/// delivers exactly the bytes to the destination; reading and seeking are refused; Flush reaches the destination;
/// disposal closes the destination exactly when the wrapper was not asked to leave it open.
/// </summary>
public abstract class WriteStreamConformance
{
    protected byte[] Content { get; } = ConformanceBytes.Make();

    protected abstract Stream Open(Stream destination);

    protected abstract bool DisposesDestination { get; }

    /// <summary>Whether Length and Position read back as the bytes written (otherwise they throw <see cref="NotSupportedException"/>).</summary>
    protected virtual bool ReportsBytesWritten => false;

    public static TheoryData<int> ChunkSizes() => [1, 3, 7, 1000, 4093, 65_537, 200_000];

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Span_writes_in_any_chunk_size_deliver_exactly_the_bytes(int chunk)
    {
        var destination = new RecordingWriteStream();
        using (var stream = Open(destination))
        {
            foreach (var piece in Content.Chunk(chunk))
            {
                stream.Write(piece.AsSpan());
            }
        }

        Assert.Equal(Content, destination.Written);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Array_writes_at_an_offset_deliver_exactly_the_bytes(int chunk)
    {
        var destination = new RecordingWriteStream();
        using (var stream = Open(destination))
        {
            foreach (var piece in Content.Chunk(chunk))
            {
                var padded = new byte[piece.Length + 6];
                piece.CopyTo(padded, 3);
                stream.Write(padded, 3, piece.Length);
            }
        }

        Assert.Equal(Content, destination.Written);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Memory_writes_in_any_chunk_size_deliver_exactly_the_bytes(int chunk)
    {
        var destination = new RecordingWriteStream();
        await using (var stream = Open(destination))
        {
            foreach (var piece in Content.Chunk(chunk))
            {
                await stream.WriteAsync(piece.AsMemory());
            }
        }

        Assert.Equal(Content, destination.Written);
    }

    [Fact]
    public async Task Every_write_path_taken_in_turn_delivers_the_bytes_in_order()
    {
        var destination = new RecordingWriteStream();
        await using (var stream = Open(destination))
        {
            var turn = 0;
            foreach (var piece in Content.Chunk(999))
            {
                switch (turn++ % 5)
                {
                    case 0: stream.Write(piece); break;
                    case 1: await stream.WriteAsync(piece.AsMemory()); break;
#pragma warning disable CA1835 // the Task-of-array overload is one of the paths under test
                    case 2: await stream.WriteAsync(piece, 0, piece.Length); break;
#pragma warning restore CA1835
                    case 3: stream.Write(piece, 0, piece.Length); break;
                    default:
                        foreach (var b in piece)
                        {
                            stream.WriteByte(b);
                        }

                        break;
                }
            }
        }

        Assert.Equal(Content, destination.Written);
    }

    [Fact]
    public async Task Zero_length_writes_change_nothing()
    {
        var destination = new RecordingWriteStream();
        await using (var stream = Open(destination))
        {
            stream.Write([]);
            await stream.WriteAsync(ReadOnlyMemory<byte>.Empty);
            stream.Write(Content);
            stream.Write(new byte[3], 1, 0);
        }

        Assert.Equal(Content, destination.Written);
    }

    [Fact]
    public void It_writes_and_refuses_to_read_or_seek()
    {
        using var stream = Open(new RecordingWriteStream());

        Assert.True(stream.CanWrite);
        Assert.False(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.Throws<NotSupportedException>(() => stream.Read(new byte[3], 0, 3));
        Assert.Throws<NotSupportedException>(() => stream.Read(new byte[3].AsSpan()));
        Assert.Throws<NotSupportedException>(() => stream.ReadByte());
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(0));
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
    }

    [Fact]
    public void Length_and_Position_hold_as_claimed()
    {
        using var stream = Open(new RecordingWriteStream());
        stream.Write(Content.AsSpan(0, 1234));

        if (ReportsBytesWritten)
        {
            Assert.Equal(1234, stream.Length);
            Assert.Equal(1234, stream.Position);
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => stream.Length);
            Assert.Throws<NotSupportedException>(() => stream.Position);
        }
    }

    [Fact]
    public async Task Flush_reaches_the_destination_by_both_paths()
    {
        var destination = new RecordingWriteStream();
        using var stream = Open(destination);

        stream.Write(Content.AsSpan(0, 10));
        stream.Flush();
        var afterSync = destination.Flushes;
        await stream.FlushAsync();

        Assert.True(afterSync >= 1);
        Assert.True(destination.Flushes > afterSync);
        Assert.Equal(Content[..10], destination.Written);
    }

    [Fact]
    public void Dispose_closes_the_destination_exactly_when_the_wrapper_owns_it()
    {
        var destination = new RecordingWriteStream();
        var stream = Open(destination);
        stream.Write(Content);

        stream.Dispose();
        stream.Dispose();

        Assert.Equal(DisposesDestination, destination.Disposed);
        Assert.Equal(Content, destination.Written);
    }

    [Fact]
    public async Task DisposeAsync_closes_the_destination_exactly_when_the_wrapper_owns_it()
    {
        var destination = new RecordingWriteStream();
        var stream = Open(destination);
        await stream.WriteAsync(Content);

        await stream.DisposeAsync();

        Assert.Equal(DisposesDestination, destination.Disposed);
        Assert.Equal(Content, destination.Written);
    }
}
