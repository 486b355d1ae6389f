using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Slim.Analysis.Gate;
using Slim.Testing;

namespace Slim.Analysis.Tests.Gate;

public sealed class GateEvaluatorTests
{
    private static readonly GateMeasurements Measured = new()
    {
        Image = GateTestImages.Wasteful(),
        Baseline = (1000, "baseline.json"),
        SlimRatio = (4.5, "slim.report.json"),
    };

    [Theory]
    [InlineData("--max-size", "1300", true)]
    [InlineData("--max-size", "1299", false)]
    [InlineData("--max-growth", "300", true)]
    [InlineData("--max-growth", "299", false)]
    [InlineData("--max-growth", "30%", true)]
    [InlineData("--max-growth", "29.9%", false)]
    [InlineData("--min-efficiency", "0.76", true)]
    [InlineData("--min-efficiency", "0.77", false)]
    [InlineData("--max-wasted-bytes", "300", true)]
    [InlineData("--max-wasted-bytes", "299", false)]
    [InlineData("--max-wasted-percent", "100", true)]
    [InlineData("--max-wasted-percent", "99", false)]
    [InlineData("--min-slim-ratio", "4.5", true)]
    [InlineData("--min-slim-ratio", "5", false)]
    public void Each_rule_holds_up_to_its_limit_and_not_beyond(string name, string value, bool passes)
    {
        var result = GateEvaluator.Evaluate([GateRules.Parse(name, value, name)!], Measured);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(passes, outcome.Passed);
        Assert.Equal(passes, result.Passed);
        Assert.StartsWith(passes ? "PASS" : "FAIL", outcome.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_without_its_input_is_bad_input_not_a_pass()
    {
        Assert.Throws<GateInputException>(() => GateEvaluator.Evaluate([GateRules.Parse("--max-growth", "1%", "o")!], Measured with { Baseline = null }));
        Assert.Throws<GateInputException>(() => GateEvaluator.Evaluate([GateRules.Parse("--max-size", "1MB", "o")!], Measured with { Image = null }));
        Assert.Throws<GateInputException>(() => GateEvaluator.Evaluate([], Measured));
    }

    [Fact]
    public void The_junit_file_validates_against_the_junit_schema_and_lists_each_failure()
    {
        var result = GateEvaluator.Evaluate(
            [GateRules.Parse("--max-size", "1MB", "o")!, GateRules.Parse("--max-wasted-bytes", "10", "o")!, GateRules.Parse("--min-efficiency", "0.9", "o")!],
            Measured);

        var xml = GateJunitWriter.Write(result);

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.Root, "tests/Slim.Analysis.Tests/Gate/junit.xsd"));
        var problems = new List<string>();
        var document = XDocument.Parse(xml);
        document.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.Empty(problems);

        var suite = document.Root!.Element("testsuite")!;
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal("2", suite.Attribute("failures")!.Value);
        Assert.Equal(["max-size", "max-wasted-bytes", "min-efficiency"], suite.Elements("testcase").Select(t => t.Attribute("name")!.Value));
        Assert.Equal(["max-wasted-bytes", "min-efficiency"], suite.Elements("testcase").Where(t => t.Element("failure") is not null).Select(t => t.Attribute("name")!.Value));
        Assert.Contains("measured 300 B", suite.Elements("testcase").ElementAt(1).Element("failure")!.Attribute("message")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_has_a_row_per_rule()
    {
        var result = GateEvaluator.Evaluate([GateRules.Parse("--max-size", "1MB", "o")!, GateRules.Parse("--max-wasted-bytes", "10", "o")!], Measured);

        var md = GateMarkdownWriter.Write(result);

        Assert.StartsWith("## slim gate: FAILED", md, StringComparison.Ordinal);
        Assert.Contains("| max-size | ✅ pass |", md, StringComparison.Ordinal);
        Assert.Contains("| max-wasted-bytes | ❌ **fail** |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_round_trips()
    {
        var result = GateEvaluator.Evaluate([GateRules.Parse("--max-size", "1MB", "o")!], Measured);

        var back = GateJson.Deserialize(GateJson.Serialize(result));

        Assert.NotNull(back);
        Assert.Equal(result.Outcomes, back.Outcomes);
        Assert.Contains("\"kind\": \"MaxSize\"", GateJson.Serialize(result), StringComparison.Ordinal);
    }
}
