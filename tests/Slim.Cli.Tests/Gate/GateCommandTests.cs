using System.Text.Json;
using System.Xml.Linq;
using System.Xml.Schema;
using Slim.Analysis.Xray;
using Slim.Cli.Tests.Xray;
using Slim.Testing;

namespace Slim.Cli.Tests.Gate;

/// <summary>`slim gate` on a saved xray report: exit 0 when the rules hold, 1 when one fails, 2 for bad input; its files.</summary>
public sealed class GateCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slim-gate-cli-");

    /// <summary>Size 1,300 bytes, wasted 300, efficiency 1000/1300 (76.9 %), user wasted 100 %.</summary>
    private string Report
    {
        get
        {
            var path = Path.Combine(_dir.FullName, "xray.json");
            if (!File.Exists(path))
            {
                var analysis = new XrayAnalysis();
                analysis.AddLayer(new XrayLayerInfo(), [XrayEntry.File("bin/app", 1000)]);
                analysis.AddLayer(new XrayLayerInfo(), [XrayEntry.File("tmp/build.log", 300)]);
                analysis.AddLayer(new XrayLayerInfo(), [XrayEntry.Whiteout("tmp/build.log")]);
                File.WriteAllText(path, XrayJson.Serialize(analysis.Build("test:wasteful", "sha256:" + new string('1', 64), [])));
            }

            return path;
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Rules_that_hold_exit_0_with_a_line_each()
    {
        var run = await SlimRun.InvokeAsync("gate", "--xray", Report, "--max-size", "2kB", "--max-wasted-bytes", "300");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PASS  max-size  measured 1.27 KiB (1300 bytes), limit at most 1.95 KiB (2000 bytes)", run.Output, StringComparison.Ordinal);
        Assert.Contains("PASS  max-wasted-bytes", run.Output, StringComparison.Ordinal);
        Assert.Contains("gate passed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_rule_exits_1_and_the_junit_and_markdown_files_say_which()
    {
        var junit = Path.Combine(_dir.FullName, "gate.xml");
        var markdown = Path.Combine(_dir.FullName, "gate.md");

        var run = await SlimRun.InvokeAsync("gate", "--xray", Report, "--max-size", "2kB", "--min-efficiency", "90%", "--junit", junit, "--markdown", markdown);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("FAIL  min-efficiency  measured 76.92 %, limit at least 90 %", run.Output, StringComparison.Ordinal);
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.Root, "tests/Slim.Analysis.Tests/Gate/junit.xsd"));
        var document = XDocument.Load(junit);
        var problems = new List<string>();
        document.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.Empty(problems);
        var failed = Assert.Single(document.Descendants("testcase"), t => t.Element("failure") is not null);
        Assert.Equal("min-efficiency", failed.Attribute("name")!.Value);
        Assert.Contains("| min-efficiency | ❌ **fail** |", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dive_ci_rules_file_works_with_dives_defaults()
    {
        var rules = Path.Combine(_dir.FullName, ".dive-ci");
        File.WriteAllText(rules, "rules:\n  lowestEfficiency: 0.5\n  highestWastedBytes: disabled\n");

        var run = await SlimRun.InvokeAsync("gate", "--xray", Report, "--rules", rules);

        // efficiency 76.9 % >= 50 % holds; dive's default highestUserWastedPercent 0.1 fails on 100 %
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("PASS  lowestEfficiency", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL  highestUserWastedPercent  measured 100 %", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flow_yaml_rules_file_works_and_a_broken_one_is_one_line_exit_2()
    {
        var rules = Path.Combine(_dir.FullName, "rules.yaml");
        File.WriteAllText(rules, "# the team's limits\nrules: {min-efficiency: '50%', maxWastedPercent: 100}\n");
        var good = await SlimRun.InvokeAsync("gate", "--xray", Report, "--rules", rules);
        File.WriteAllText(rules, "rules:\n  maxSize: 1MB\n  minEfficiency: [0.5\n");
        var bad = await SlimRun.InvokeAsync("gate", "--xray", Report, "--rules", rules);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains("PASS  min-efficiency", good.Output, StringComparison.Ordinal);
        Assert.True(bad.ExitCode == 2, bad.ToString());
        var line = Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"slim: {rules}:", line, StringComparison.Ordinal);
        Assert.Contains("'minEfficiency'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_is_measured_against_a_slim_report_baseline()
    {
        var baseline = Path.Combine(_dir.FullName, "slim.report.json");
        File.WriteAllText(baseline, """{"version":1,"command":"build","target":{"reference":"app:1","size":5000,"files":9},"result":{"reference":"app.slim:1","size":1000,"files":3},"ratio":5.0}""");

        var grew = await SlimRun.InvokeAsync("gate", "--xray", Report, "--max-growth", "25%", "--baseline", baseline);
        var allowed = await SlimRun.InvokeAsync("gate", "--xray", Report, "--max-growth", "300", "--baseline", baseline, "--min-slim-ratio", "5", "--report", baseline, "--json");

        Assert.True(grew.ExitCode == 1, grew.ToString());
        Assert.Contains("FAIL  max-growth  measured +30 %", grew.Output, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        using var json = JsonDocument.Parse(allowed.Output);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("outcomes").GetArrayLength());
    }

    [Theory]
    [InlineData("--max-size", "lots")]
    [InlineData("--min-efficiency", "95")]
    [InlineData("--max-growth", "10%")]
    [InlineData("--min-slim-ratio", "3")]
    [InlineData("--rules", "/nonexistent/rules.yaml")]
    public async Task Bad_input_exits_2_with_one_line(string option, string value)
    {
        var run = await SlimRun.InvokeAsync("gate", "--xray", Report, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_rules_is_bad_input()
    {
        var run = await SlimRun.InvokeAsync("gate", "--xray", Report);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no rules", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_no_xray_report_is_bad_input()
    {
        var other = Path.Combine(_dir.FullName, "other.json");
        File.WriteAllText(other, "{\"hello\": 1}");

        var run = await SlimRun.InvokeAsync("gate", "--xray", other, "--max-size", "1MB");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not an xray report", run.Error, StringComparison.Ordinal);
    }
}

/// <summary>`slim gate --target` on images in the real engine.</summary>
[Integration]
[Collection(XrayCliEngineCollection.Name)]
public sealed class GateCommandEngineTests(DockerEngineFixture engine)
{
    [Fact]
    public async Task The_gate_passes_and_fails_on_an_engine_image_as_its_rules_say()
    {
        // busybox-static is about 2 MB: 10 MB holds, 1 MB does not
        var pass = await SlimRun.InvokeAsync("gate", "--target", engine.BusyboxBase, "--max-size", "10MB", "--min-efficiency", "1");
        var fail = await SlimRun.InvokeAsync("gate", "--target", engine.BusyboxBase, "--max-size", "1MB");

        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.True(fail.ExitCode == 1, fail.ToString());
        Assert.Contains("FAIL  max-size", fail.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_against_another_image()
    {
        // debian is far bigger than busybox: measured against busybox it grew by thousands of percent
        var run = await SlimRun.InvokeAsync("gate", "--target", engine.DebianBase, "--max-growth", "100%", "--baseline", engine.BusyboxBase);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"image docker-daemon:{engine.BusyboxBase}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_image_is_bad_input()
    {
        var run = await SlimRun.InvokeAsync("gate", "--target", "slim-test/no-such-image:never", "--max-size", "1MB");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
