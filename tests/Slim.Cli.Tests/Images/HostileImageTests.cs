using Slim.Cli.Commands;
using Slim.Images.Sources;
using Slim.Rebuild.Index;
using Slim.Testing;

namespace Slim.Cli.Tests.Images;

/// <summary>
/// Issue 14's hostile corpus against every reader, through the real command line in process: a refused archive gives one
/// line, exit 2, no output and no temporary files; an accepted one is read by all of them.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileImageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static readonly string[] Readers =
        ["inspect", "inspect --files", "xray", "xray --json", "gate", "copy docker-archive", "copy oci", "copy oci-archive", "indexer"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var archive in HostileArchives.All)
        {
            foreach (var reader in Readers)
            {
                data.Add(archive.Name, reader);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_reader_refuses_or_accepts_alike(string name, string reader)
    {
        var archive = HostileArchives.Get(name);
        var path = _dir.Write("image.tar", archive.Bytes);
        var output = _dir["out"];
        var before = SlimTemporaries();

        var (exit, line, all) = await ReadAsync(reader, $"{archive.Transport}:{path}", output);

        if (archive.Accepted || (archive.LayerContent && reader == "inspect"))
        {
            Assert.True(exit == 0, all);
        }
        else
        {
            Assert.True(exit == 2, all);
            Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
            if (archive.Says is { } word)
            {
                Assert.True(line.Contains(word, StringComparison.Ordinal), $"'{word}' not in: {line}");
            }

            Assert.False(File.Exists(output) || Directory.Exists(output), "a refused image left output");
            Assert.Equal(["image.tar"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName));
        }

        Assert.Equal(before, SlimTemporaries());
    }

    /// <summary>A duplicate path is the last of its entries, for every reader (Docker's rule).</summary>
    [Fact]
    public async Task A_duplicate_entry_is_its_last_version_everywhere()
    {
        var path = _dir.Write("image.tar", HostileArchives.Get("duplicate-entries").Bytes);

        var inspect = await SlimRun.InvokeAsync("inspect", "--files", "--json", "docker-archive:" + path);
        var xray = await SlimRun.InvokeAsync("xray", "--json", "--target", "docker-archive:" + path);

        Assert.Contains("\"FileBytes\": " + ("ID=test\n".Length + "the second, longer".Length), inspect.EnsureSuccess().Output, StringComparison.Ordinal);
        Assert.Contains("\"/dup\"", xray.EnsureSuccess().Output, StringComparison.Ordinal);
        Assert.Contains("\"size\": 18", xray.Output, StringComparison.Ordinal);
    }

    /// <summary>Two names that differ only in bytes that are not UTF-8 stay two files.</summary>
    [Fact]
    public async Task Names_that_are_not_UTF8_stay_distinct()
    {
        var path = _dir.Write("image.tar", HostileArchives.Get("odd-names").Bytes);

        var inspect = await SlimRun.InvokeAsync("inspect", "--files", "--json", "docker-archive:" + path);

        // etc, etc/os-release, and the six odd names of the second layer
        Assert.Contains("\"FileCount\": 8,", inspect.EnsureSuccess().Output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Line, string All)> ReadAsync(string reader, string image, string output)
    {
        if (reader == "indexer")
        {
            return await IndexAsync(image);
        }

        string[] args = reader.Split(' ') switch
        {
            ["inspect"] => ["inspect", image],
            ["inspect", var flag] => ["inspect", flag, image],
            ["xray"] => ["xray", "--target", image],
            ["xray", var flag] => ["xray", flag, "--target", image],
            ["gate"] => ["gate", "--target", image, "--max-size", "1GB"],
            ["copy", var sink] => ["copy", image, $"{sink}:{output}"],
            _ => throw new ArgumentException(reader),
        };
        var run = await SlimRun.InvokeAsync(args);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(run.ExitCode == 0 ? lines.Length == 0 : lines.Length == 1, run.ToString());
        return (run.ExitCode, lines.FirstOrDefault() ?? "", run.ToString());
    }

    /// <summary>`slim build`'s indexer, as the index stage runs it: the export stream, then the landed archive for compressed layers.</summary>
    private static async Task<(int, string, string)> IndexAsync(string image)
    {
        try
        {
            var location = Slim.Images.Transports.ImageLocation.Parse(image);
            var file = location is Slim.Images.Transports.DockerArchiveLocation d ? d.Path : ((Slim.Images.Transports.OciArchiveLocation)location).Path;
            using var spool = new ContentSpool();
            FileIndex? index = null;
            if (location is Slim.Images.Transports.DockerArchiveLocation)
            {
                await using var stream = File.OpenRead(file);
                index = await DockerSaveIndexer.BuildAsync(stream, spool, _ => true, image, file, CancellationToken.None);
            }

            if (index is null)
            {
                await using var source = ImageSources.Open(location);
                await FileIndex.BuildAsync(source, await source.GetImageAsync(CancellationToken.None), CancellationToken.None);
            }

            return (0, "", "indexed");
        }
        catch (Exception e)
        {
            var (code, line) = CommandFailures.Describe(e);
            return (code, line, e.ToString());
        }
    }

    private static string[] SlimTemporaries() =>
        [.. Directory.EnumerateFileSystemEntries(Path.GetTempPath(), "slim-layer-*").Order(StringComparer.Ordinal)];
}
