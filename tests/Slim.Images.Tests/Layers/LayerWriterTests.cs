using System.Security.Cryptography;
using Slim.Images.Layers;
using Slim.Images.Model;

namespace Slim.Images.Tests.Layers;

public sealed class LayerWriterTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);

    private static async Task<(byte[] Bytes, WrittenLayer Layer)> WriteAsync(LayerCompression compression)
    {
        var output = new MemoryStream();
        await using var writer = new LayerWriter(output, compression);
        await writer.AddAsync(new LayerEntry { Path = "bin", Kind = LayerEntryKind.Directory, Mode = (UnixFileMode)0b111_101_101, ModificationTime = Time }, null, CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "bin/busybox", Kind = LayerEntryKind.File, Mode = (UnixFileMode)0b111_101_101, Size = 5, ModificationTime = Time, Xattrs = new Dictionary<string, string> { ["user.note"] = "hi" } }, new MemoryStream("hello"u8.ToArray()), CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "bin/sh", Kind = LayerEntryKind.Hardlink, LinkTarget = "bin/busybox", ModificationTime = Time }, null, CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "dev/null", Kind = LayerEntryKind.CharDevice, DeviceMajor = 1, DeviceMinor = 3, ModificationTime = Time }, null, CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "lib64", Kind = LayerEntryKind.Symlink, LinkTarget = "usr/lib64", ModificationTime = Time }, null, CancellationToken.None);
        await writer.AddAsync(new LayerEntry { Path = "usr/" + new string('n', 150), Kind = LayerEntryKind.File, Size = 0, ModificationTime = Time }, null, CancellationToken.None);
        var layer = await writer.CompleteAsync(CancellationToken.None);
        return (output.ToArray(), layer);
    }

    [Fact]
    public async Task Two_writes_give_identical_bytes_and_no_process_id_leaks_into_them()
    {
        var (first, _) = await WriteAsync(LayerCompression.None);
        var (second, _) = await WriteAsync(LayerCompression.None);

        Assert.Equal(first, second);
        var text = System.Text.Encoding.ASCII.GetString(first);
        Assert.Contains("PaxHeaders.0/", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"PaxHeaders.{Environment.ProcessId}/", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_do_not_depend_on_the_writing_process()
    {
        // pinned: any process (any pid) writing these entries must produce exactly this layer
        var (bytes, layer) = await WriteAsync(LayerCompression.None);
        Assert.Equal(Digest.Compute(bytes), layer.DiffId);
        Assert.Equal(layer.Descriptor.Digest, layer.DiffId);
        Assert.Equal(ExpectedPlainDigest, layer.DiffId.ToString());
    }

    // Computed once from this test's entries; a change here means the layer format changed (on purpose or not).
    private const string ExpectedPlainDigest = "sha256:31cbb92450a2a9518f14ce926ba44e77114dc7835eedaad19f07bcd11fee8866";

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Compressed_layers_are_reproducible_and_both_digests_are_right(LayerCompression compression)
    {
        var (first, layer) = await WriteAsync(compression);
        var (second, _) = await WriteAsync(compression);
        var (plain, _) = await WriteAsync(LayerCompression.None);

        Assert.Equal(first, second);
        Assert.Equal(Digest.Compute(first), layer.Descriptor.Digest);
        Assert.Equal(first.Length, layer.Descriptor.Size);
        Assert.Equal(Digest.Compute(plain), layer.DiffId);
        Assert.Equal(MediaType.OciLayerFor(compression), layer.Descriptor.MediaType);
    }

    [Fact]
    public async Task What_is_written_reads_back_with_all_metadata()
    {
        var (bytes, layer) = await WriteAsync(LayerCompression.Gzip);
        var (tar, compression) = await LayerStreams.OpenUncompressedAsync(new MemoryStream(bytes), "layer", CancellationToken.None);
        Assert.Equal(LayerCompression.Gzip, compression);
        var entries = new List<LayerEntry>();
        await foreach (var entry in LayerReader.ReadEntriesAsync(tar, "written", CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Equal(6, layer.EntryCount);
        Assert.Equal(["bin", "bin/busybox", "bin/sh", "dev/null", "lib64", "usr/" + new string('n', 150)], entries.Select(e => e.Path));
        Assert.Equal("hi", entries[1].Xattrs["user.note"]);
        Assert.Equal(Time, entries[1].ModificationTime);
        Assert.Equal(("bin/busybox", LayerEntryKind.Hardlink), (entries[2].LinkTarget, entries[2].Kind));
        Assert.Equal((LayerEntryKind.CharDevice, 1, 3), (entries[3].Kind, entries[3].DeviceMajor, entries[3].DeviceMinor));
        Assert.Equal("usr/lib64", entries[4].LinkTarget);
    }

    [Fact]
    public async Task Binary_xattrs_are_written_as_raw_bytes_and_read_back_intact()
    {
        // security.capability v2 with CAP_SETUID (bit 7) and CAP_SETFCAP (bit 31): bytes >= 0x80, not valid UTF-8
        byte[] capability = [0x01, 0x00, 0x00, 0x02, 0x80, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        var value = System.Text.Encoding.Latin1.GetString(capability);
        var output = new MemoryStream();
        await using (var writer = new LayerWriter(output, LayerCompression.None))
        {
            await writer.AddAsync(new LayerEntry { Path = "bin/tool", Kind = LayerEntryKind.File, Size = 1, Xattrs = new Dictionary<string, string> { ["security.capability"] = value } }, new MemoryStream([42]), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var bytes = output.ToArray();
        byte[] record = [.. "SCHILY.xattr.security.capability="u8, .. capability, (byte)'\n'];
        Assert.True(bytes.AsSpan().IndexOf(record) >= 0, "the archive holds the raw capability bytes");

        var entries = new List<LayerEntry>();
        await foreach (var entry in LayerReader.ReadEntriesAsync(new MemoryStream(bytes), "caps", CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Equal(capability, System.Text.Encoding.Latin1.GetBytes(Assert.Single(entries).Xattrs["security.capability"]));
    }

    [Fact]
    public async Task Entries_out_of_order_are_refused()
    {
        await using var writer = new LayerWriter(new MemoryStream(), LayerCompression.None);
        await writer.AddAsync(new LayerEntry { Path = "b", Kind = LayerEntryKind.Directory }, null, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => writer.AddAsync(new LayerEntry { Path = "a", Kind = LayerEntryKind.Directory }, null, CancellationToken.None));
    }

    [Fact]
    public async Task Content_shorter_than_announced_is_refused()
    {
        await using var writer = new LayerWriter(new MemoryStream(), LayerCompression.None);
        await Assert.ThrowsAnyAsync<Exception>(() => writer.AddAsync(new LayerEntry { Path = "a", Kind = LayerEntryKind.File, Size = 10 }, new MemoryStream(new byte[3]), CancellationToken.None));
    }

    [Fact]
    public void Sha256_of_nothing_is_the_known_value() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(SHA256.HashData([])));
}
