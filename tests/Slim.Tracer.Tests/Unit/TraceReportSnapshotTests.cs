using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Unit;

/// <summary>
/// The trace report contract held by a document: Fixtures/trace-report.v1.json was written by the tracer before the
/// report's kinds became enums (a host run of a shell script that creates, links, renames, chmods and deletes files;
/// cut to one file per access kind). Reading it and writing it again must give back every field and every string.
/// </summary>
public sealed class TraceReportSnapshotTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Unit", "Fixtures", "trace-report.v1.json");

    [Fact]
    public void A_report_of_an_earlier_tracer_is_read_and_written_back_field_by_field()
    {
        var original = File.ReadAllText(Fixture);

        var rewritten = TraceReportJson.ToJson(TraceReportJson.Parse(original));

        JsonFields.AssertSame(original, rewritten);
    }

    [Fact]
    public void A_renamed_field_is_named_by_the_comparison()
    {
        var original = File.ReadAllText(Fixture);
        var renamed = original.Replace("\"askedAs\":", "\"asked\":", StringComparison.Ordinal);

        var differences = JsonFields.Differences(original, renamed);

        Assert.Contains("$.files[0].accesses[0].askedAs: missing", differences);
        Assert.Contains("$.files[0].accesses[0].asked: not expected", differences);
    }

    [Fact]
    public void The_words_of_the_document_become_the_contract_s_enums()
    {
        var report = TraceReportJson.Parse(File.ReadAllText(Fixture));

        Assert.Equal((TraceKind.Run, TraceMode.Seccomp, TraceCompletion.Exited), (report.Kind, report.Mode, report.Completion));
        Assert.Equal(
            [PathAccessKind.Chdir, PathAccessKind.Create, PathAccessKind.Delete, PathAccessKind.Exec, PathAccessKind.Link, PathAccessKind.List,
                PathAccessKind.Metadata, PathAccessKind.Open, PathAccessKind.Read, PathAccessKind.Readlink, PathAccessKind.Rename,
                PathAccessKind.Stat, PathAccessKind.Write],
            report.Files.SelectMany(f => f.Kinds).Distinct().Order());
        var link = report.Files.Single(f => f.Path == "/tmp/fixture/d/g");
        Assert.Equal([PathAccessKind.Link, PathAccessKind.Rename], link.Kinds);
        Assert.Contains(link.Accesses, a => a.Kind == PathAccessKind.Rename && a.Syscall.StartsWith("rename", StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_the_contract_does_not_know_is_refused()
    {
        var original = File.ReadAllText(Fixture);
        var unknown = original.Replace("\"completion\": \"exited\"", "\"completion\": \"vanished\"", StringComparison.Ordinal);
        Assert.NotEqual(original, unknown);

        Assert.Throws<System.Text.Json.JsonException>(() => TraceReportJson.Parse(unknown));
    }
}
