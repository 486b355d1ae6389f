using Slim.Images.Layers;

namespace Slim.Images.Tests.Layers;

/// <summary>
/// The layer writer's digests are a function of the entries alone: the same entries twice give the same diff_id and
/// blob digest (plain and gzip), and any change of modification time or mode gives another.
/// </summary>
public sealed class LayerWriterReproducibilityTests
{
    private const UnixFileMode Mode = (UnixFileMode)0b111_101_101;

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);

    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    public async Task The_same_entries_written_twice_give_the_same_digests(LayerCompression compression)
    {
        var first = await WriteAsync(compression, Time, Mode);
        var second = await WriteAsync(compression, Time, Mode);

        Assert.Equal(first.DiffId, second.DiffId);
        Assert.Equal(first.Descriptor.Digest, second.Descriptor.Digest);
        Assert.Equal(first.Descriptor.Size, second.Descriptor.Size);
    }

    [Fact]
    public async Task A_different_modification_time_changes_the_digests()
    {
        var first = await WriteAsync(LayerCompression.Gzip, Time, Mode);
        var later = await WriteAsync(LayerCompression.Gzip, Time.AddSeconds(1), Mode);

        Assert.NotEqual(first.DiffId, later.DiffId);
        Assert.NotEqual(first.Descriptor.Digest, later.Descriptor.Digest);
    }

    [Fact]
    public async Task A_different_mode_changes_the_digests()
    {
        var first = await WriteAsync(LayerCompression.None, Time, Mode);
        var other = await WriteAsync(LayerCompression.None, Time, Mode | UnixFileMode.GroupWrite);

        Assert.NotEqual(first.DiffId, other.DiffId);
    }

    [Fact]
    public async Task A_fixed_modification_time_overrides_the_entries_own()
    {
        var early = await WriteAsync(LayerCompression.None, Time, Mode, fixedTime: Time);
        var later = await WriteAsync(LayerCompression.None, Time.AddDays(3), Mode, fixedTime: Time);

        Assert.Equal(early.DiffId, later.DiffId);
    }

    [Fact]
    public async Task Entries_out_of_path_order_are_refused_so_no_caller_order_reaches_the_bytes()
    {
        await using var writer = new LayerWriter(new MemoryStream(), LayerCompression.None);
        await writer.AddAsync(new LayerEntry { Path = "b", Kind = LayerEntryKind.Directory, Mode = Mode, ModificationTime = Time }, null, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            writer.AddAsync(new LayerEntry { Path = "a", Kind = LayerEntryKind.Directory, Mode = Mode, ModificationTime = Time }, null, CancellationToken.None));
    }

    private static async Task<WrittenLayer> WriteAsync(LayerCompression compression, DateTimeOffset time, UnixFileMode mode, DateTimeOffset? fixedTime = null)
    {
        var output = new MemoryStream();
        await using var writer = new LayerWriter(output, compression, fixedTime);
        await writer.AddAsync(new LayerEntry { Path = "app", Kind = LayerEntryKind.Directory, Mode = Mode, ModificationTime = time }, null, CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "app/run", Kind = LayerEntryKind.File, Mode = mode, Size = 4, ModificationTime = time }, new MemoryStream("run\n"u8.ToArray()), CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "app/start", Kind = LayerEntryKind.Symlink, LinkTarget = "run", ModificationTime = time }, null, CancellationToken.None);
        return await writer.CompleteAsync(CancellationToken.None);
    }
}
