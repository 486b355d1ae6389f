using Slim.Analysis.Gate;

namespace Slim.Analysis.Tests.Gate;

public sealed class GateRulesTests
{
    [Theory]
    [InlineData("--max-size", "40MB", GateRuleKind.MaxSize, 40_000_000)]
    [InlineData("max_size", "20MiB", GateRuleKind.MaxSize, 20 * 1024 * 1024)]
    [InlineData("--max-growth", "10%", GateRuleKind.MaxGrowthPercent, 10)]
    [InlineData("maxGrowth", "5MB", GateRuleKind.MaxGrowthBytes, 5_000_000)]
    [InlineData("--min-efficiency", "0.95", GateRuleKind.MinEfficiency, 0.95)]
    [InlineData("--min-efficiency", "95%", GateRuleKind.MinEfficiency, 0.95)]
    [InlineData("--max-wasted-bytes", "1kB", GateRuleKind.MaxWastedBytes, 1000)]
    [InlineData("--max-wasted-percent", "12.5", GateRuleKind.MaxWastedPercent, 12.5)]
    [InlineData("--max-wasted-percent", "12.5%", GateRuleKind.MaxWastedPercent, 12.5)]
    [InlineData("--min-slim-ratio", "5x", GateRuleKind.MinSlimRatio, 5)]
    [InlineData("lowestEfficiency", "0.9", GateRuleKind.MinEfficiency, 0.9)]
    [InlineData("highestWastedBytes", "20MB", GateRuleKind.MaxWastedBytes, 20_000_000)]
    [InlineData("highestUserWastedPercent", "0.2", GateRuleKind.MaxWastedPercent, 20)]
    public void Names_and_values_become_rules(string name, string value, GateRuleKind kind, double limit)
    {
        var rule = GateRules.Parse(name, value, "test");

        Assert.NotNull(rule);
        Assert.Equal(kind, rule.Kind);
        Assert.Equal(limit, rule.Limit, 9);
    }

    [Fact]
    public void Disabled_is_no_rule() => Assert.Null(GateRules.Parse("highestWastedBytes", "disabled", "test"));

    [Theory]
    [InlineData("--max-size", "lots")]
    [InlineData("--min-efficiency", "95")]
    [InlineData("lowestEfficiency", "1.5")]
    [InlineData("--min-slim-ratio", "-2")]
    [InlineData("--max-bananas", "3")]
    public void Nonsense_is_bad_input_naming_the_rule(string name, string value)
    {
        var e = Assert.Throws<GateInputException>(() => GateRules.Parse(name, value, "test"));
        Assert.Contains(name.TrimStart('-'), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dive_ci_file_gets_dives_defaults_for_the_rules_it_leaves_out()
    {
        var rules = Load(".dive-ci", "# dive's CI rules\nrules:\n  highestWastedBytes: 20MB   # bytes\n  lowestEfficiency: \"0.95\"\n");

        Assert.Equal(
            [(GateRuleKind.MaxWastedBytes, 20_000_000.0), (GateRuleKind.MinEfficiency, 0.95), (GateRuleKind.MaxWastedPercent, 10.0)],
            rules.Select(r => (r.Kind, r.Limit)));
        Assert.EndsWith("(dive default)", rules[2].Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_dive_rule_gets_no_default()
    {
        var rules = Load(".dive-ci", "rules:\n  highestUserWastedPercent: disabled\n");

        Assert.Equal([(GateRuleKind.MinEfficiency, 0.9)], rules.Select(r => (r.Kind, r.Limit)));
    }

    [Fact]
    public void A_json_rules_file_uses_slims_names()
    {
        var rules = Load("rules.json", "{ \"rules\": { \"maxSize\": \"40MB\", \"minEfficiency\": 0.9, \"maxGrowth\": \"10%\" } }");

        Assert.Equal(
            [GateRuleKind.MaxSize, GateRuleKind.MinEfficiency, GateRuleKind.MaxGrowthPercent],
            rules.Select(r => r.Kind));
    }

    [Fact]
    public void Yaml_beyond_key_value_is_refused_with_its_line()
    {
        var e = Assert.Throws<GateInputException>(() => Load("rules.yaml", "rules:\n  - maxSize: 1MB\n"));
        Assert.Contains("rules.yaml:2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{maxSize: 40MB, minEfficiency: 95%}")]
    [InlineData("rules: {maxSize: 40MB, 'minEfficiency': \"0.95\"}")]
    [InlineData("---\n# slim's rules\nrules:\n  \"maxSize\": \"40MB\"   # quoted, # inside: \"x # y\"\n  min_efficiency: '0.95'\n...\n")]
    [InlineData("maxSize: &limit 40MB\nminEfficiency: >-\n  0.95\n")]
    [InlineData("rules:\n    maxSize: 40MB\n    minEfficiency: 0.95\n")]
    public void Yaml_in_flow_and_block_forms_reads_the_same_rules(string text)
    {
        var rules = Load("rules.yaml", text);

        Assert.Equal([(GateRuleKind.MaxSize, 40_000_000.0), (GateRuleKind.MinEfficiency, 0.95)], rules.Select(r => (r.Kind, r.Limit)));
        Assert.All(rules, r => Assert.EndsWith("rules.yaml", r.Origin, StringComparison.Ordinal));
    }

    [Fact]
    public void A_yaml_alias_repeats_its_anchors_value()
    {
        var rules = Load("rules.yaml", "maxSize: &limit 40MB\nmaxWastedBytes: *limit\n");

        Assert.Equal([(GateRuleKind.MaxSize, 40_000_000.0), (GateRuleKind.MaxWastedBytes, 40_000_000.0)], rules.Select(r => (r.Kind, r.Limit)));
    }

    [Fact]
    public void A_plain_yaml_false_disables_a_rule_as_in_json_but_a_quoted_one_is_a_value()
    {
        var rules = Load(".dive-ci", "rules:\n  lowestEfficiency: false\n  highestWastedBytes: 1MB\n");
        Assert.Equal([(GateRuleKind.MaxWastedBytes, 1_000_000.0), (GateRuleKind.MaxWastedPercent, 10.0)], rules.Select(r => (r.Kind, r.Limit)));

        var e = Assert.Throws<GateInputException>(() => Load(".dive-ci", "rules:\n  lowestEfficiency: 'false'\n"));
        Assert.Contains(".dive-ci:2: lowestEfficiency 'false' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_only_is_no_rules()
    {
        Assert.Empty(Load("rules.yaml", "# nothing yet\n"));
        Assert.Empty(Load("rules.yaml", ""));
    }

    [Theory]
    [InlineData("rules:\n  maxSize: lots\n", "rules.yaml:2: maxSize 'lots' is not a size")]
    [InlineData("rules:\n  maxSize: 1MB\n  minEfficiency: \"0.9\n", "rules.yaml:3: not valid YAML at 'minEfficiency': ")]
    [InlineData("maxSize: 1MB\n  minEfficiency: 0.9\n", "rules.yaml:2: not valid YAML at 'maxSize': ")]
    [InlineData("rules: {maxSize: 1MB\n", "rules.yaml:2: not valid YAML at 'maxSize': ")]
    [InlineData("maxSize: 1MB\nmax-size: 2MB\n", "rules.yaml:2: 'max-size' is given twice, first as 'maxSize' (line 1)")]
    [InlineData("maxSize:\n  limit: 1MB\n", "rules.yaml:1: 'maxSize' must be a number or a string, not a mapping")]
    [InlineData("maxSize: [1MB, 2MB]\n", "rules.yaml:1: 'maxSize' must be a number or a string, not a list")]
    [InlineData("maxSize:\n", "rules.yaml:1: 'maxSize' has no value")]
    [InlineData("- maxSize: 1MB\n", "rules.yaml:1: expected 'name: value' lines, got a list")]
    [InlineData("maxSize: 1MB\n---\nmaxSize: 2MB\n", "rules.yaml:2: a rules file holds one YAML document")]
    [InlineData("maxWastedBytes: *limit\n", "rules.yaml:1: 'maxWastedBytes' refers to *limit")]
    [InlineData("maxBananas: 3\n", "rules.yaml:1: unknown rule 'maxBananas'")]
    public void Bad_yaml_is_one_line_naming_the_file_line_and_key(string text, string expected)
    {
        var e = Assert.Throws<GateInputException>(() => Load("rules.yaml", text));

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("YamlDotNet", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_json_names_its_line()
    {
        var e = Assert.Throws<GateInputException>(() => Load("rules.json", "{\n  \"maxSize\": \"1MB\",\n  \"minEfficiency\": \n}"));

        Assert.StartsWith("rules.json:4: not valid JSON", e.Message[(e.Message.LastIndexOf('/') + 1)..], StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_replace_file_rules_that_measure_the_same_thing()
    {
        var file = new[] { new GateRule(GateRuleKind.MaxGrowthPercent, 10, "maxGrowth", "f"), new GateRule(GateRuleKind.MaxSize, 1, "maxSize", "f") };
        var options = new[] { new GateRule(GateRuleKind.MaxGrowthBytes, 5, "max-growth", "o") };

        var merged = GateRules.Merge(file, options);

        Assert.Equal([GateRuleKind.MaxSize, GateRuleKind.MaxGrowthBytes], merged.Select(r => r.Kind));
    }

    private static IReadOnlyList<GateRule> Load(string name, string text)
    {
        var dir = Directory.CreateTempSubdirectory("slim-gate-rules-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            File.WriteAllText(path, text);
            return GateRules.Load(path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
