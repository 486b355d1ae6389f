using System.Formats.Tar;
using Slim.Engine.Containers;

namespace Slim.Pipeline.Tests.Engine;

/// <summary>Decoding what the engine returns for a directory copied out of a container.</summary>
public sealed class ContainerArchiveTests
{
    [Fact]
    public async Task Regular_files_with_content_come_back_by_name_below_the_copied_directory_and_everything_else_is_skipped()
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "artifacts/"));
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "artifacts/trace.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "artifacts/sub/"));
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "artifacts/sub/exec-1.json") { DataStream = new MemoryStream([1, 2, 3]) });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "artifacts/link") { LinkName = "trace.json" });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "artifacts/empty") { DataStream = new MemoryStream() });
        }

        tar.Position = 0;
        var files = await ContainerArchive.ReadFilesAsync(tar, CancellationToken.None);

        // An empty file has no data stream in the tar, and an empty report is no report: skipped like links and directories.
        Assert.Equal(["sub/exec-1.json", "trace.json"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("{}"u8.ToArray(), files["trace.json"]);
        Assert.Equal([1, 2, 3], files["sub/exec-1.json"]);
    }

    [Fact]
    public async Task An_empty_archive_holds_no_files()
    {
        var files = await ContainerArchive.ReadFilesAsync(new MemoryStream(new byte[1024]), CancellationToken.None);

        Assert.Empty(files);
    }
}
