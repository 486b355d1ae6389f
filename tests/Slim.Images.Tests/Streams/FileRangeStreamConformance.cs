using Microsoft.Win32.SafeHandles;
using Slim.Images.Streams;
using Slim.Testing;

namespace Slim.Images.Tests.Streams;

/// <summary>A window on a file between other bytes; the file handle is the caller's and stays open.</summary>
public sealed class FileRangeStreamConformance : ReadStreamConformance, IDisposable
{
    private static readonly byte[] Before = [.. Enumerable.Repeat((byte)0xAA, 17)];
    private static readonly byte[] After = [.. Enumerable.Repeat((byte)0xBB, 9)];

    private readonly TempDirectory _directory = new();
    private readonly List<SafeFileHandle> _handles = [];

    protected override bool DisposesInner => false;

    protected override bool ClaimsCanSeek => true;

    protected override bool ReportsLength => true;

    protected override bool ReportsPosition => true;

    protected override Stream Open(byte[] content) => new FileRangeStream(Handle(content), Before.Length, content.Length);

    private SafeFileHandle Handle(byte[] content)
    {
        var path = _directory.Write($"file-{_handles.Count}", [.. Before, .. content, .. After]);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        _handles.Add(handle);
        return handle;
    }

    public void Dispose()
    {
        foreach (var handle in _handles)
        {
            handle.Dispose();
        }

        _directory.Dispose();
    }

    [Fact]
    public void Seeking_from_each_origin_lands_where_it_says_and_reads_from_there()
    {
        using var stream = Open(Content);
        var buffer = new byte[3];

        Assert.Equal(100, stream.Seek(100, SeekOrigin.Begin));
        Assert.Equal(150, stream.Seek(50, SeekOrigin.Current));
        Assert.Equal(3, ReadAtLeast(stream, buffer));
        Assert.Equal(Content[150..153], buffer);
        Assert.Equal(Content.Length - 3, stream.Seek(-3, SeekOrigin.End));
        Assert.Equal(3, ReadAtLeast(stream, buffer));
        Assert.Equal(Content[^3..], buffer); // the bytes after the window are never read
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void A_position_past_the_end_reads_nothing_and_one_before_the_start_is_refused()
    {
        using var stream = Open(Content);

        stream.Position = Content.Length + 10;
        Assert.Equal(0, stream.Read(new byte[4]));
        stream.Position = long.MaxValue - 3; // far past the end is still the end, not a wrapped-around count
        Assert.Equal(0, stream.Read(new byte[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Position = -1);
        stream.Position = 5;
        Assert.Throws<IOException>(() => stream.Seek(-6, SeekOrigin.Current));
        Assert.Equal(5, stream.Position); // a refused seek moves nothing
    }

    [Fact]
    public async Task Two_windows_on_one_handle_read_independently()
    {
        var handle = Handle(Content);
        await using var first = new FileRangeStream(handle, Before.Length, 1000);
        await using var second = new FileRangeStream(handle, Before.Length + 1000, Content.Length - 1000);
        var a = new byte[500];
        var b = new byte[500];

        ReadAtLeast(first, a);
        await second.ReadExactlyAsync(b);

        Assert.Equal(Content[..500], a);
        Assert.Equal(Content[1000..1500], b);
        Assert.Equal(Content[500..1000], Drain(first, 7, (s, m) => s.Read(m.Span)));
    }

    [Fact]
    public void The_handle_stays_open_after_the_window_is_disposed()
    {
        var handle = Handle(Content);
        new FileRangeStream(handle, Before.Length, 10).Dispose();

        Assert.False(handle.IsClosed);
        Assert.Equal(Before.Length + Content.Length + After.Length, RandomAccess.GetLength(handle));
    }
}
