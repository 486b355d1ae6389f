using System.Text.Json;
using Slim.Engine.Containers;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Report;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Selection;
using Slim.Testing;
using Slim.Trace;

namespace Slim.Pipeline.Tests.Report;

/// <summary>
/// slim.report.json held by a checked-in document: every field of the build report, filled, is written exactly as
/// Report/build-report.verified.json says. A renamed, moved or dropped field fails here and names itself; changing
/// the contract means changing that file, visibly.
/// </summary>
public sealed class BuildReportSnapshotTests
{
    private static readonly string Verified = Path.Combine(AppContext.BaseDirectory, "Report", "build-report.verified.json");

    private static BuildReport Sample() => new()
    {
        Command = "build",
        Target = new ImageSummary("slim-samples/node-express:latest", "sha256:1111", "sha256:0000", 190_000_000, 9_000),
        Result = new ImageSummary("slim-samples/node-express.slim:latest", "sha256:2222", "sha256:3333", 47_500_000, 420),
        Ratio = 4,
        Selection = new SelectionSummary(
            420,
            45_000_000,
            new Dictionary<string, int> { ["traced"] = 300, ["library"] = 20 },
            ["/etc/shadow"],
            [new CutDirectory("/usr/share/zoneinfo", 2, 600, 4_000_000)],
            "traced"),
        Packages = new PackageSummary("debian 12", "dpkg", 14, 76, 9, true),
        Syscalls = new SyscallSummary(80, 120, ["openat", "read"]),
        Probes = new ProbeSummary(
            "probe",
            ["node", "server.js"],
            [new HttpProbeResult("GET", "/", 3000, 200, 1234, "ab12", null, 12.5)],
            [new ExecResult(["sh", "-c", "true"], 0, CapturedOutput.Of("out"), CapturedOutput.Of("err"))],
            ["8080/tcp"],
            0,
            3,
            150,
            true,
            ["fanotify: refused"]),
        Verification = new VerificationResult(
            true,
            [],
            ["exit code differs: 0 then 143"],
            [new HttpProbeResult("GET", "/missing", 3000, 404, 0, null, "not found", 1.25)],
            [],
            143,
            true),
        Repair = [new RepairRound(1, ["GET /"], 3, ["/etc/mime.types"], ["statx"], "nothing new to add")],
        VerificationSkipped = "--no-verify",
        DurationsSeconds = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["sensor"] = 3.5, ["total"] = 9.75 },
        Artifacts = new Dictionary<string, string> { ["report"] = "/work/slim.report.json" },
    };

    private static string Write(BuildReport report) => JsonSerializer.Serialize(report, BuildReportJsonContext.Default.BuildReport);

    [Fact]
    public void The_report_is_written_as_the_verified_document()
    {
        var actual = Write(Sample());
        var verified = File.ReadAllText(Verified).TrimEnd('\n');
        if (actual != verified)
        {
            // Beside the test assembly, to compare with (or, when the change is meant, to copy over) the verified file.
            File.WriteAllText(Verified.Replace(".verified.json", ".received.json", StringComparison.Ordinal), actual + "\n");
        }

        JsonFields.AssertSame(verified, actual);
        Assert.Equal(verified, actual);
    }

    [Fact]
    public void The_summary_the_gate_reads_is_the_one_the_pipeline_wrote()
    {
        var report = Sample();

        var summary = BuildReportSummaryJson.Parse(Write(report));

        Assert.Equal(
            (report.Version, report.Command, report.Target, report.Result, report.Ratio),
            (summary.Version, summary.Command, summary.Target, summary.Result, summary.Ratio));
    }

    [Fact]
    public void A_profile_has_no_result_and_writes_none()
    {
        var profile = Sample() with { Command = "profile", Target = Sample().Target with { ManifestDigest = null }, Result = null, Ratio = null, Selection = null, Verification = null };

        var json = Write(profile);
        var summary = BuildReportSummaryJson.Parse(json);

        Assert.DoesNotContain("\"result\"", json, StringComparison.Ordinal);
        Assert.Equal(("profile", null, null), (summary.Command, summary.Result, summary.Ratio));
        Assert.Equal(profile.Target, summary.Target);
    }

    [Fact]
    public void The_summary_comes_first_in_the_order_it_always_had()
    {
        using var document = JsonDocument.Parse(Write(Sample()));
        Assert.Equal(
            ["version", "command", "target", "result", "ratio", "selection"],
            document.RootElement.EnumerateObject().Take(6).Select(p => p.Name));
    }
}
