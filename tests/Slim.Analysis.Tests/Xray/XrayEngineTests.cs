using System.Security.Cryptography;
using Slim.Analysis.Xray;
using Slim.Images.Sources;
using Slim.Testing;

namespace Slim.Analysis.Tests.Xray;

/// <summary>xray on images the real engine built: one whose answer is known byte for byte, and the sample apps against dive's formula.</summary>
[Integration]
[Collection(AnalysisEngineCollection.Name)]
public sealed class XrayEngineTests(DockerEngineFixture engine, SampleImages samples)
{
    private const long MiB = 1 << 20;

    [Fact]
    public async Task The_known_waste_image_gives_exact_wasted_bytes_duplicates_and_suggestions()
    {
        var context = Directory.CreateTempSubdirectory("slim-xray-known-");
        var tag = $"slim-test/xray-known:{Guid.NewGuid():N}";
        var archive = Path.Combine(context.FullName, "image.tar");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "tests/Slim.Analysis.Tests/Xray/images/known-waste/Dockerfile"), Path.Combine(context.FullName, "Dockerfile"));
            var same = new byte[MiB];
            new Random(42).NextBytes(same);
            await File.WriteAllBytesAsync(Path.Combine(context.FullName, "same.bin"), same);
            (await Docker.RunAsync(["build", "-q", "--build-arg", $"BASE={engine.BusyboxBase}", "-t", tag, context.FullName], TimeSpan.FromMinutes(5))).EnsureSuccess();
            (await Docker.RunAsync("save", "-o", archive, tag)).EnsureSuccess();

            XrayReport report;
            string description;
            await using (var source = ImageSources.OpenDockerArchive(archive, null))
            {
                report = await XrayAnalyzer.AnalyzeAsync(source, null, null, CancellationToken.None);
                description = source.Description;
            }

            // One pass over the same bytes, as `slim xray` reads the engine's export (layers in the archive's order), agrees.
            var streamed = await XrayAnalyzer.AnalyzeExportAsync(new OneWayStream(await File.ReadAllBytesAsync(archive)), description, null, null, CancellationToken.None);
            Assert.NotNull(streamed);
            Assert.Equal(XrayJson.Serialize(report), XrayJson.Serialize(streamed));

            Assert.Equal(6, report.Layers.Count);
            Assert.Equal([20 * MiB, 0, MiB, MiB, 3_001_000], report.Layers.Skip(1).Select(l => l.Size));
            Assert.Equal(20 * MiB, report.WastedBytes);
            Assert.Equal((double)(report.ImageSize - 20 * MiB) / report.ImageSize, report.Efficiency, 12);
            Assert.Equal(20 * MiB * 100.0 / (22 * MiB + 3_001_000), report.UserWastedPercent, 9);
            Assert.Equal(20 * MiB, report.Layers[1].WastedBytes);
            Assert.Equal(1, report.Layers[2].FilesDeleted);
            Assert.Contains("head -c 20971520", report.Layers[1].CreatedBy, StringComparison.Ordinal);
            Assert.StartsWith("RUN ", report.Layers[1].CreatedBy, StringComparison.Ordinal);

            var group = Assert.Single(report.Duplicates);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(same)), group.Digest);
            Assert.Equal([new XrayFileCopy(3, "/a/same.bin"), new XrayFileCopy(4, "/b/same.bin")], group.Copies);
            Assert.Equal(MiB, group.WastedBytes);

            Assert.Equal(
                [
                    (XraySuggestionKind.DeletedLater, 20 * MiB),
                    (XraySuggestionKind.PackageCache, 3_000_000L),
                    (XraySuggestionKind.DuplicateFiles, MiB),
                    (XraySuggestionKind.PackageCache, 1_000L),
                ],
                report.Suggestions.Select(s => (s.Kind, s.Bytes)));
            Assert.Contains("/var/lib/apt/lists", report.Suggestions[1].Message, StringComparison.Ordinal);
            Assert.Equal([5], report.Suggestions[1].Layers);

            var reference = DiveReference.Compute(archive);
            Assert.Equal(reference.WastedBytes, report.WastedBytes);
            Assert.Equal(reference.Efficiency, report.Efficiency, 12);
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", tag);
            context.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Real_apt_lists_left_behind_are_suggested_with_their_exact_size()
    {
        var context = Directory.CreateTempSubdirectory("slim-xray-apt-");
        var tag = $"slim-test/xray-apt:{Guid.NewGuid():N}";
        var archive = Path.Combine(context.FullName, "image.tar");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "tests/Slim.Analysis.Tests/Xray/images/apt-lists/Dockerfile"), Path.Combine(context.FullName, "Dockerfile"));
            (await Docker.RunAsync(["build", "-q", "--build-arg", $"BASE={engine.DebianBase}", "-t", tag, context.FullName], TimeSpan.FromMinutes(10))).EnsureSuccess();
            (await Docker.RunAsync("save", "-o", archive, tag)).EnsureSuccess();

            // what the container sees under /var/lib/apt/lists, counted by find inside it (the base image has none)
            var sizes = (await Docker.RunAsync("run", "--rm", "--entrypoint", "find", tag, "/var/lib/apt/lists", "-type", "f", "-printf", "%s\n")).EnsureSuccess();
            var expected = sizes.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(long.Parse);

            XrayReport report;
            await using (var source = ImageSources.OpenDockerArchive(archive, null))
            {
                report = await XrayAnalyzer.AnalyzeAsync(source, new XrayOptions { HashContents = false }, null, CancellationToken.None);
            }

            var lists = Assert.Single(report.Suggestions, s => s.Kind == XraySuggestionKind.PackageCache && s.Message.Contains("/var/lib/apt/lists", StringComparison.Ordinal));
            Assert.True(expected > 1_000_000, $"apt-get update wrote only {expected} bytes of lists");
            Assert.Equal(expected, lists.Bytes);
            Assert.Equal([1], lists.Layers);
            Assert.Contains("rm -rf /var/lib/apt/lists/*", lists.Message, StringComparison.Ordinal);
        }
        finally
        {
            await Docker.RunAsync("rmi", "-f", tag);
            context.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("python-flask")]
    [InlineData("node-http")]
    [InlineData("nginx-static")]
    [InlineData("go-static")]
    [InlineData("ruby-web")]
    [InlineData("java-http")]
    [InlineData("cli-wordcount")]
    [InlineData("nonroot-shell")]
    public async Task On_the_sample_apps_efficiency_and_wasted_bytes_match_dives_formula(string sample)
    {
        var image = await samples.GetAsync(SampleApp.Named(sample));
        var dir = Directory.CreateTempSubdirectory("slim-xray-sample-");
        try
        {
            var archive = Path.Combine(dir.FullName, "image.tar");
            (await Docker.RunAsync("save", "-o", archive, image)).EnsureSuccess();

            XrayReport report;
            await using (var source = ImageSources.OpenDockerArchive(archive, null))
            {
                report = await XrayAnalyzer.AnalyzeAsync(source, new XrayOptions { HashContents = false }, null, CancellationToken.None);
            }

            var reference = DiveReference.Compute(archive);
            Assert.Equal(reference.ImageSize, report.ImageSize);
            Assert.Equal(reference.WastedBytes, report.WastedBytes);
            Assert.Equal(reference.Efficiency, report.Efficiency, 12);
            Assert.Equal(reference.UserWastedPercent, report.UserWastedPercent, 9);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
