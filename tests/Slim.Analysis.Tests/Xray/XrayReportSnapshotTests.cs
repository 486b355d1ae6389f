using Slim.Analysis.Xray;
using Slim.Images.Sources;
using Slim.Testing;

namespace Slim.Analysis.Tests.Xray;

/// <summary>
/// The xray report is a contract (`slim xray --json`, read back by `slim gate --baseline`): a hand-made image's report,
/// field by field, against the checked-in copy. A change to the format shows here as a diff to review.
/// </summary>
public sealed class XrayReportSnapshotTests : IDisposable
{
    private const string Expected = "tests/Slim.Analysis.Tests/Xray/snapshots/xray-report.json";
    private const string Description = "docker-archive:snapshot.tar";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Something of every kind xray reports on: a deleted directory, a file replaced, a duplicate, links.</summary>
    private static TestImage Image()
    {
        var app = new byte[3000];
        new Random(7).NextBytes(app);
        var image = new TestImage
        {
            Env = ["PATH=/usr/bin:/bin", "APP_MODE=snapshot"],
            History = ["ADD rootfs.tar /", "RUN fetch cache && build", "RUN rm -rf /tmp/cache && configure"],
        };
        image.Layer(new TestTar()
            .Directory("bin").Directory("etc").Directory("usr").Directory("usr/lib")
            .File("bin/app", app, (UnixFileMode)0b111_101_101)
            .Symlink("bin/sh", "app")
            .File("etc/os-release", "ID=snapshot\n")
            .File("usr/lib/libbig.so", new byte[40_000]));
        image.Layer(new TestTar()
            .Directory("tmp").Directory("tmp/cache").Directory("opt")
            .File("tmp/cache/download.bin", new byte[25_000])
            .File("opt/app-copy", app)
            .Hardlink("opt/app-link", "opt/app-copy"));
        image.Layer(new TestTar()
            .Whiteout("tmp/cache")
            .File("etc/os-release", "ID=snapshot\nVERSION=2\n"));
        return image;
    }

    [Fact]
    public async Task The_report_of_a_known_image_is_the_checked_in_one()
    {
        var archive = Image().ClassicArchive("example.com/snapshot:1");

        var report = await XrayAnalyzer.AnalyzeExportAsync(new OneWayStream(archive), Description, null, null, CancellationToken.None);

        Snapshot.Matches(XrayJson.Serialize(report ?? throw new InvalidOperationException("the export held compressed layers")), Expected);
    }

    [Fact]
    public async Task Reading_the_archive_as_a_file_gives_the_same_report()
    {
        var path = _directory.Write("snapshot.tar", Image().ClassicArchive("example.com/snapshot:1"));
        XrayReport report;
        await using (var source = ImageSources.OpenDockerArchive(path, null, description: Description))
        {
            report = await XrayAnalyzer.AnalyzeAsync(source, null, null, CancellationToken.None);
        }

        Snapshot.Matches(XrayJson.Serialize(report), Expected);
    }

    [Fact]
    public async Task The_checked_in_report_reads_back_as_the_same_report()
    {
        // The baseline path of `slim gate`: what was written is what is read.
        var json = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, Expected));

        var report = XrayJson.Deserialize(json);

        Assert.NotNull(report);
        Assert.Equal(json.TrimEnd('\n'), XrayJson.Serialize(report!));
    }
}
