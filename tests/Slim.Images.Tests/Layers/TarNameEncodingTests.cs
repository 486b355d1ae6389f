using Slim.Images.Layers;
using Slim.Testing;

namespace Slim.Images.Tests.Layers;

/// <summary>Names that are not UTF-8 stay apart when read and are written back as the bytes they were (issue 14, defect 5).</summary>
public sealed class TarNameEncodingTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'n', 0xff })]
    [InlineData(new byte[] { 0xc3, 0x28 })]
    [InlineData(new byte[] { 0xef, 0x9f, 0xbf })] // U+F7FF itself, valid UTF-8 that looks like an escape
    [InlineData(new byte[] { (byte)'p', (byte)'l', (byte)'a', (byte)'i', (byte)'n' })]
    public void The_mapping_is_lossless(byte[] bytes)
    {
        Assert.Equal(bytes, TarNameEncoding.ToBytes(TarNameEncoding.ToName(bytes)));
    }

    [Fact]
    public async Task Two_names_that_differ_in_bytes_that_are_not_UTF8_are_two_entries_and_written_back_as_they_were()
    {
        var tar = new TestTar()
            .Raw([(byte)'n', 0xff], '0', "a"u8.ToArray())
            .Raw([(byte)'n', 0xfe], '0', "b"u8.ToArray())
            .Raw("link"u8.ToArray(), '2', [], link: "x")
            .File("z", "z") // TarWriter writes the end-of-archive blocks only after an entry of its own
            .ToBytes();

        var entries = new List<LayerEntry>();
        await foreach (var entry in LayerReader.ReadEntriesAsync(new MemoryStream(tar), "layer", CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Equal(4, entries.Select(e => e.Path).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([(byte)'n', 0xff], TarNameEncoding.ToBytes(entries[0].Path));

        var written = new MemoryStream();
        await using (var writer = new LayerWriter(written, LayerCompression.None))
        {
            foreach (var entry in entries.Where(e => e.Kind == LayerEntryKind.File).OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                await writer.AddAsync(entry, new MemoryStream([(byte)'z']), CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        var bytes = written.ToArray();
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { (byte)'p', (byte)'a', (byte)'t', (byte)'h', (byte)'=', (byte)'n', 0xff, (byte)'\n' }) >= 0, "the name's own bytes are not in the written layer");
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { (byte)'p', (byte)'a', (byte)'t', (byte)'h', (byte)'=', (byte)'n', 0xfe, (byte)'\n' }) >= 0);
        var reread = new List<string>();
        await foreach (var entry in LayerReader.ReadEntriesAsync(new MemoryStream(bytes), "written", CancellationToken.None))
        {
            reread.Add(entry.Path);
        }

        Assert.Equal(entries.Where(e => e.Kind == LayerEntryKind.File).Select(e => e.Path).Order(StringComparer.Ordinal), reread);
    }
}
