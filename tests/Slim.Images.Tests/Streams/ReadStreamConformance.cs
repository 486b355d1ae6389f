namespace Slim.Images.Tests.Streams;

/// <summary>
/// What every read wrapper in Slim.Images.Streams promises, run once per wrapper: any chunk size gives exactly the
/// bytes, by every read path; a zero-length read is not the end; the end stays the end; the capability flags, Length
/// and Position hold as the wrapper claims; disposal closes the inner stream exactly when the wrapper owns it.
/// A subclass says how to open the wrapper over given content and what it claims.
/// </summary>
public abstract class ReadStreamConformance
{
    private readonly List<TrickleStream> _inners = [];

    protected byte[] Content { get; } = ConformanceBytes.Make();

    /// <summary>A wrapper whose reads give exactly <paramref name="content"/>; make its inner stream with <see cref="Inner"/>.</summary>
    protected abstract Stream Open(byte[] content);

    /// <summary>Whether disposing the wrapper disposes its inner stream.</summary>
    protected abstract bool DisposesInner { get; }

    protected virtual bool ClaimsCanSeek => false;

    /// <summary>Whether Seek and setting Position work (a stream may claim CanSeek only to publish its Length).</summary>
    protected virtual bool Seeks => ClaimsCanSeek;

    /// <summary>Whether Length is the content's length (otherwise it throws <see cref="NotSupportedException"/>).</summary>
    protected virtual bool ReportsLength => false;

    /// <summary>Whether Position reads back as the bytes read so far (otherwise it throws <see cref="NotSupportedException"/>).</summary>
    protected virtual bool ReportsPosition => false;

    /// <summary>Whether <see cref="Inner"/> makes inner streams whose async reads really yield.</summary>
    private bool _asynchronousInner;

    protected TrickleStream Inner(byte[] bytes, int maxRead = 1000)
    {
        var inner = new TrickleStream(bytes, maxRead, _asynchronousInner);
        _inners.Add(inner);
        return inner;
    }

    public static TheoryData<int> ChunkSizes() => [1, 3, 7, 13, 1000, 4093, 65_537, 200_000];

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Span_reads_in_any_chunk_size_give_exactly_the_bytes(int chunk)
    {
        using var stream = Open(Content);

        Assert.Equal(Content, Drain(stream, chunk, (s, b) => s.Read(b.Span)));
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void Array_reads_at_an_offset_give_exactly_the_bytes(int chunk)
    {
        using var stream = Open(Content);
        var output = new MemoryStream();
        var buffer = new byte[chunk + 5];
        buffer.AsSpan().Fill(0xEE);
        int n;
        while ((n = stream.Read(buffer, 5, chunk)) > 0)
        {
            Assert.InRange(n, 1, chunk);
            output.Write(buffer, 5, n);
        }

        Assert.Equal(Content, output.ToArray());
        Assert.All(buffer[..5], b => Assert.Equal(0xEE, b)); // nothing written before the offset
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Memory_reads_in_any_chunk_size_give_exactly_the_bytes(int chunk)
    {
        await using var stream = Open(Content);

        Assert.Equal(Content, await DrainAsync(stream, chunk, (s, b) => s.ReadAsync(b)));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(4093)]
    public async Task Memory_reads_over_an_inner_stream_that_really_yields_give_exactly_the_bytes(int chunk)
    {
        _asynchronousInner = true;
        await using var stream = Open(Content);

        Assert.Equal(Content, await DrainAsync(stream, chunk, (s, b) => s.ReadAsync(b)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(4093)]
    public async Task Task_array_reads_give_exactly_the_bytes(int chunk)
    {
        await using var stream = Open(Content);
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        int n;
#pragma warning disable CA1835 // the Task-of-array overload is the path under test
        while ((n = await stream.ReadAsync(buffer, 0, chunk)) > 0)
#pragma warning restore CA1835
        {
            output.Write(buffer, 0, n);
        }

        Assert.Equal(Content, output.ToArray());
    }

    [Fact]
    public async Task Sync_and_async_reads_taken_in_turn_agree()
    {
        await using var stream = Open(Content);
        var output = new MemoryStream();
        var buffer = new byte[777];
        for (var turn = 0; ; turn++)
        {
            var n = (turn % 3) switch
            {
                0 => stream.Read(buffer.AsSpan()),
                1 => await stream.ReadAsync(buffer.AsMemory()),
                _ => stream.Read(buffer, 0, buffer.Length),
            };
            if (n == 0)
            {
                break;
            }

            output.Write(buffer, 0, n);
        }

        Assert.Equal(Content, output.ToArray());
    }

    [Fact]
    public void ReadByte_gives_every_byte_then_minus_one()
    {
        var content = Content[..3000];
        using var stream = Open(content);
        var output = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            output.Add((byte)b);
        }

        Assert.Equal(content, output.ToArray());
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public async Task CopyToAsync_and_CopyTo_give_exactly_the_bytes()
    {
        var viaAsync = new MemoryStream();
        await using (var stream = Open(Content))
        {
            await stream.CopyToAsync(viaAsync);
        }

        var viaSync = new MemoryStream();
        using (var stream = Open(Content))
        {
            stream.CopyTo(viaSync);
        }

        Assert.Equal(Content, viaAsync.ToArray());
        Assert.Equal(Content, viaSync.ToArray());
    }

    [Fact]
    public async Task Zero_length_reads_return_zero_and_are_not_the_end()
    {
        await using var stream = Open(Content);

        Assert.Equal(0, stream.Read([]));
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(0, stream.Read(new byte[4], 2, 0));
        var head = new byte[100];
        Assert.Equal(100, ReadAtLeast(stream, head));
        Assert.Equal(0, stream.Read(Span<byte>.Empty));
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        var rest = await DrainAsync(stream, 4096, (s, b) => s.ReadAsync(b));

        Assert.Equal(Content, head.Concat(rest).ToArray());
    }

    [Fact]
    public async Task After_the_end_every_read_returns_zero()
    {
        await using var stream = Open(Content);
        await DrainAsync(stream, 8192, (s, b) => s.ReadAsync(b));
        var buffer = new byte[16];

        Assert.Equal(0, stream.Read(buffer));
        Assert.Equal(0, await stream.ReadAsync(buffer));
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
        Assert.Equal(-1, stream.ReadByte());
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public async Task Empty_content_ends_at_once_by_every_path()
    {
        await using (var stream = Open([]))
        {
            Assert.Equal(0, await stream.ReadAsync(new byte[10]));
            Assert.Equal(0, await stream.ReadAsync(new byte[10]));
        }

        using (var stream = Open([]))
        {
            Assert.Equal(0, stream.Read(new byte[10]));
            Assert.Equal(-1, stream.ReadByte());
        }
    }

    [Fact]
    public void It_reads_and_refuses_to_write()
    {
        using var stream = Open(Content);

        Assert.True(stream.CanRead);
        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Write([1, 2, 3]));
        Assert.Throws<NotSupportedException>(() => stream.Write(new byte[3], 0, 3));
        Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(10));
    }

    [Fact]
    public void CanSeek_Seek_and_setting_Position_hold_as_claimed()
    {
        using var stream = Open(Content);

        Assert.Equal(ClaimsCanSeek, stream.CanSeek);
        if (Seeks)
        {
            Assert.Equal(10, stream.Seek(10, SeekOrigin.Begin));
            stream.Position = 20;
            Assert.Equal(20, stream.Position);
            var buffer = new byte[5];
            Assert.Equal(5, ReadAtLeast(stream, buffer));
            Assert.Equal(Content[20..25], buffer);
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
            Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        }
    }

    [Fact]
    public void Length_and_Position_hold_as_claimed_while_reading()
    {
        using var stream = Open(Content);
        var buffer = new byte[1234];

        if (ReportsLength)
        {
            Assert.Equal(Content.Length, stream.Length);
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => stream.Length);
        }

        if (!ReportsPosition)
        {
            Assert.Throws<NotSupportedException>(() => stream.Position);
            return;
        }

        Assert.Equal(0, stream.Position);
        var read = ReadAtLeast(stream, buffer);
        Assert.Equal(read, stream.Position);
        Drain(stream, 4096, (s, b) => s.Read(b.Span));
        Assert.Equal(Content.Length, stream.Position);
        if (ReportsLength)
        {
            Assert.Equal(Content.Length, stream.Length); // the length does not move as the stream is read
        }
    }

    [Fact]
    public void Dispose_closes_the_inner_stream_exactly_when_the_wrapper_owns_it()
    {
        var stream = Open(Content);
        Drain(stream, 4096, (s, b) => s.Read(b.Span));

        stream.Dispose();
        stream.Dispose(); // twice is harmless

        Assert.All(_inners, inner => Assert.Equal(DisposesInner, inner.Disposed));
    }

    [Fact]
    public async Task DisposeAsync_closes_the_inner_stream_exactly_when_the_wrapper_owns_it()
    {
        var stream = Open(Content);
        await DrainAsync(stream, 4096, (s, b) => s.ReadAsync(b));

        await stream.DisposeAsync();

        Assert.All(_inners, inner => Assert.Equal(DisposesInner, inner.Disposed));
    }

    [Fact]
    public void Disposing_a_wrapper_read_only_halfway_is_clean()
    {
        var stream = Open(Content);
        ReadAtLeast(stream, new byte[5000]);

        var error = Record.Exception(stream.Dispose);

        Assert.Null(error);
        Assert.All(_inners, inner => Assert.Equal(DisposesInner, inner.Disposed));
    }

    protected static byte[] Drain(Stream stream, int chunk, Func<Stream, Memory<byte>, int> read)
    {
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        int n;
        while ((n = read(stream, buffer)) > 0)
        {
            Assert.InRange(n, 1, chunk);
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    protected static async Task<byte[]> DrainAsync(Stream stream, int chunk, Func<Stream, Memory<byte>, ValueTask<int>> read)
    {
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        int n;
        while ((n = await read(stream, buffer)) > 0)
        {
            Assert.InRange(n, 1, chunk);
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    /// <summary>Fills <paramref name="buffer"/> from the stream (short reads are allowed by the contract) and says how much it got.</summary>
    protected static int ReadAtLeast(Stream stream, byte[] buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
