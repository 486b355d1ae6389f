using System.CommandLine;
using Slim.Analysis.Gate;
using Slim.Analysis.Xray;

namespace Slim.Cli.Commands;

/// <summary>
/// `slim gate`: checks an image against size rules for CI. Exit 0 when every rule holds, 1 when any fails, 2 for bad
/// input (an unknown rule, a value that does not parse, a missing image, baseline or report), 3 when no engine answers.
/// </summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var target = new Option<string?>("--target") { Description = "The image to check: [docker-daemon:]REF, docker-archive:PATH[:REF], oci:DIR[:REF], oci-archive:PATH[:REF]." };
        var xray = new Option<string?>("--xray") { Description = "Check an existing xray report (slim xray --json) instead of analysing --target." };
        var maxSize = new Option<string?>("--max-size") { Description = "The image may hold at most this many bytes (40MB, 38MiB, 40000000)." };
        var maxGrowth = new Option<string?>("--max-growth") { Description = "It may grow at most this much over --baseline: a percentage (10%) or a size (5MB)." };
        var baseline = new Option<string?>("--baseline") { Description = "What --max-growth compares with: an earlier slim.report.json, an xray JSON, or another image." };
        var minEfficiency = new Option<string?>("--min-efficiency") { Description = "dive's efficiency must be at least this: 0.95 or 95%." };
        var maxWastedBytes = new Option<string?>("--max-wasted-bytes") { Description = "dive's wasted bytes may be at most this size." };
        var maxWastedPercent = new Option<string?>("--max-wasted-percent") { Description = "dive's user-wasted percentage may be at most this (10 or 10%)." };
        var minSlimRatio = new Option<string?>("--min-slim-ratio") { Description = "The slim build (--report) must be at least this many times smaller (5 or 5x)." };
        var report = new Option<string?>("--report") { Description = "The slim.report.json of a slim build, for --min-slim-ratio." };
        var rules = new Option<string?>("--rules") { Description = "A rules file (YAML or JSON; dive's .dive-ci rule names work too). Options override it." };
        var junit = new Option<string?>("--junit") { Description = "Also write the verdict as JUnit XML to this file." };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the verdict as Markdown to this file (a pipeline summary)." };
        var json = new Option<bool>("--json") { Description = "Print the verdict as JSON instead of lines." };
        var platform = new Option<string?>("--platform") { Description = "The platform to pick from a multi-platform image (default linux/amd64)." };
        var command = new Command("gate", "Fail a CI pipeline when an image breaks size rules (exit 0 pass, 1 fail, 2 bad input).")
        {
            target, xray, maxSize, maxGrowth, baseline, minEfficiency, maxWastedBytes, maxWastedPercent, minSlimRatio, report, rules, junit, markdown, json, platform,
        };

        command.SetAction((parse, cancellationToken) => CommandFailures.RunGateAsync(
            parse,
            async ct =>
            {
                var output = parse.InvocationConfiguration.Output;
                var optionRules = new List<GateRule>();
                foreach (var option in new[] { maxSize, maxGrowth, minEfficiency, maxWastedBytes, maxWastedPercent, minSlimRatio })
                {
                    if (parse.GetValue(option) is { } value && GateRules.Parse(option.Name, value, option.Name) is { } rule)
                    {
                        optionRules.Add(rule);
                    }
                }

                var fileRules = parse.GetValue(rules) is { } rulesPath ? GateRules.Load(rulesPath) : [];
                var all = GateRules.Merge(fileRules, optionRules);
                if (all.Count == 0)
                {
                    throw new GateInputException("no rules to check: give --max-size, --max-growth, --min-efficiency, --max-wasted-bytes, --max-wasted-percent, --min-slim-ratio or --rules FILE");
                }

                var targetValue = parse.GetValue(target);
                var xrayPath = parse.GetValue(xray);
                if (targetValue is not null && xrayPath is not null)
                {
                    throw new GateInputException("give --target or --xray, not both");
                }

                if (all.Any(r => r.NeedsImage) && targetValue is null && xrayPath is null)
                {
                    throw new GateInputException($"rule {all.First(r => r.NeedsImage).Name} needs an image: give --target (or --xray with an xray report)");
                }

                var baselineValue = parse.GetValue(baseline);
                if (all.Any(r => r.NeedsBaseline) && baselineValue is null)
                {
                    throw new GateInputException("--max-growth needs --baseline (an earlier slim.report.json, an xray JSON or an image)");
                }

                var reportPath = parse.GetValue(report);
                if (all.Any(r => r.Kind == GateRuleKind.MinSlimRatio) && reportPath is null)
                {
                    throw new GateInputException("--min-slim-ratio needs --report slim.report.json (written by slim build)");
                }

                var junitPath = parse.GetValue(junit);
                var markdownPath = parse.GetValue(markdown);
                CheckWritable(junitPath, "--junit");
                CheckWritable(markdownPath, "--markdown");

                // the cheap inputs first, so that a bad report fails before a long analysis
                var slimRatio = all.Any(r => r.Kind == GateRuleKind.MinSlimRatio) ? GateMeasurements.ReadSlimRatio(reportPath!) : ((double, string)?)null;
                var baselineFile = all.Any(r => r.NeedsBaseline) ? GateMeasurements.ReadBaselineFile(baselineValue!) : null;
                var platformValue = parse.GetValue(platform);
                XrayReport? image = null;
                if (all.Any(r => r.NeedsImage))
                {
                    image = xrayPath is not null
                        ? ReadXray(xrayPath)
                        : await XrayCommand.AnalyzeAsync(targetValue!, platformValue, new XrayOptions { HashContents = false }, ct, null, RegistryCommandLine.From(parse)).ConfigureAwait(false);
                }

                if (all.Any(r => r.NeedsBaseline) && baselineFile is null)
                {
                    // not a file: an image then, unless it can only have meant a file
                    if (baselineValue!.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || baselineValue.StartsWith('/') || baselineValue.StartsWith('.'))
                    {
                        throw new GateInputException($"--baseline {baselineValue}: the file does not exist (give an earlier slim.report.json, an xray JSON, or an image such as docker-archive:PATH)");
                    }

                    var other = await XrayCommand.AnalyzeAsync(baselineValue, platformValue, new XrayOptions { HashContents = false }, ct, null, RegistryCommandLine.From(parse)).ConfigureAwait(false);
                    baselineFile = (other.ImageSize, $"image {other.Image}");
                }

                var result = GateEvaluator.Evaluate(all, new GateMeasurements { Image = image, Baseline = baselineFile, SlimRatio = slimRatio });
                if (junitPath is not null)
                {
                    await File.WriteAllTextAsync(junitPath, GateJunitWriter.Write(result), ct).ConfigureAwait(false);
                }

                if (markdownPath is not null)
                {
                    await File.WriteAllTextAsync(markdownPath, GateMarkdownWriter.Write(result), ct).ConfigureAwait(false);
                }

                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(GateJson.Serialize(result)).ConfigureAwait(false);
                }
                else
                {
                    foreach (var outcome in result.Outcomes)
                    {
                        await output.WriteLineAsync(outcome.Describe()).ConfigureAwait(false);
                    }

                    var failed = result.Outcomes.Count(o => !o.Passed);
                    await output.WriteLineAsync(result.Passed
                        ? $"gate passed: {result.Outcomes.Count} of {result.Outcomes.Count} rules hold"
                        : $"gate FAILED: {failed} of {result.Outcomes.Count} rules do not hold").ConfigureAwait(false);
                }

                return result.Passed ? ExitCodes.Ok : ExitCodes.RuleFailed;
            },
            cancellationToken));
        return command;
    }

    private static XrayReport ReadXray(string path)
    {
        if (!File.Exists(path))
        {
            throw new GateInputException($"the xray report {path} does not exist");
        }

        try
        {
            return XrayJson.Deserialize(File.ReadAllText(path)) ?? throw new GateInputException($"{path} is not an xray report (slim xray --json writes one)");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new GateInputException($"{path} is not a readable xray report: {e.Message}", e);
        }
    }

    private static void CheckWritable(string? path, string option)
    {
        if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && !Directory.Exists(dir))
        {
            throw new GateInputException($"cannot write {option} {path}: directory {dir} does not exist");
        }
    }
}
