using System.Text;
using Slim.Analysis.Gate;
using Slim.Testing;

namespace Slim.Analysis.Tests.Gate;

/// <summary>How the gate reads a slim.report.json: through the build report's summary contract, not by property names.</summary>
public sealed class GateMeasurementsTests : IDisposable
{
    // The document the pipeline's snapshot test holds the build report to: what the gate reads is what slim writes.
    private static readonly string VerifiedBuildReport = Path.Combine(RepoPaths.Root, "tests", "Slim.Pipeline.Tests", "Report", "build-report.verified.json");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_verified_build_report_gives_the_slim_image_as_baseline_and_its_ratio()
    {
        var baseline = GateMeasurements.ReadBaselineFile(VerifiedBuildReport);
        var ratio = GateMeasurements.ReadSlimRatio(VerifiedBuildReport);

        Assert.Equal(47_500_000, baseline?.Size);
        Assert.Contains("slim-samples/node-express.slim:latest", baseline?.Source, StringComparison.Ordinal);
        Assert.Equal(4, ratio.Ratio);
    }

    [Fact]
    public void A_profile_report_gives_the_target_as_baseline_and_no_ratio()
    {
        var path = Write("""{ "version": 1, "command": "profile", "target": { "reference": "app:1", "id": null, "size": 9000, "files": 3 } }""");

        Assert.Equal(9000, GateMeasurements.ReadBaselineFile(path)?.Size);
        var error = Assert.Throws<GateInputException>(() => GateMeasurements.ReadSlimRatio(path));
        Assert.Contains("no slim build result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ratio_it_is_the_target_over_the_result()
    {
        var path = Write("""
            { "version": 1, "command": "build",
              "target": { "reference": "app:1", "size": 9000, "files": 3 },
              "result": { "reference": "app.slim:1", "size": 3000, "files": 1 } }
            """);

        Assert.Equal(3, GateMeasurements.ReadSlimRatio(path).Ratio);
    }

    [Theory]
    [InlineData("""{ "target": """, "is not valid JSON")]
    [InlineData("""{ "images": [] }""", "neither an xray report")]
    [InlineData("""[1, 2]""", "neither an xray report")]
    public void Other_documents_are_refused_in_one_line(string json, string expected)
    {
        var error = Assert.Throws<GateInputException>(() => GateMeasurements.ReadBaselineFile(Write(json)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_no_file_is_left_to_be_tried_as_an_image()
    {
        Assert.Null(GateMeasurements.ReadBaselineFile(_directory["nothing-here.json"]));
    }

    private string Write(string json) => _directory.Write($"{Guid.NewGuid():N}.json", Encoding.UTF8.GetBytes(json));
}
