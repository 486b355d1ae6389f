using System.Diagnostics;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Selection;

namespace Slim.Pipeline.Stages;

/// <summary>
/// Runs the slim image under the same probes and compares (DESIGN.md step 8); while it differs, repairs it: traces the slim
/// image, adds what it looked for and the original has (and any new system calls), rebuilds, writes and verifies again.
/// </summary>
internal sealed class VerifyStage(RebuildStage rebuild, WriteStage write) : IBuildStage
{
    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!request.Verify)
        {
            context.VerificationSkipped = "--verify=false";
            return;
        }

        if (context.SlimName is not { } slimName)
        {
            context.VerificationSkipped = $"the slim image was written to {request.Output}, not loaded into the engine, so it was not run";
            context.Progress("verify", "skipped: " + context.VerificationSkipped);
            return;
        }

        var sensor = context.RequireSensor();
        var clock = Stopwatch.StartNew();
        var verification = await VerifyAsync(context, slimName, sensor, cancellationToken).ConfigureAwait(false);
        context.AddDuration("verify", clock.Elapsed);

        for (var round = 1; !verification.Passed && round <= request.RepairRounds; round++)
        {
            clock.Restart();
            context.Progress("repair", $"round {round}: tracing {slimName} under the same probes to find what it misses");
            var slimRun = await new SensorRun(context.Engine, context.Bundle, d => context.Progress("repair", d))
                .RunAsync(context.Request.Sensor with { Image = slimName, ImageId = context.Result!.Id, KeepContainer = false }, cancellationToken).ConfigureAwait(false);
            // What it looked for first; a listed directory's other entries only when that is all there is, since
            // every interpreter lists its module folders and all of them would come in.
            var selection = context.Selection!;
            var found = RepairCandidates.Find(context.Tree!, selection.Paths, slimRun.Reports);
            var lookedFor = found.Where(c => c.Cause == RepairCause.LookedFor).ToList();
            var candidates = lookedFor.Count > 0 ? lookedFor : found;
            var newCalls = slimRun.Reports.SelectMany(r => r.Syscalls).Select(c => c.Name).Distinct(StringComparer.Ordinal).Except(context.Traced, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var previousId = context.Result.Id;
            var before = selection.Paths.Count;
            if (candidates.Count > 0)
            {
                var rules = context.Request.Rules;
                context.Request = context.Request with { Rules = rules with { RepairPaths = [.. rules.RepairPaths, .. candidates.Select(c => c.Path)] } };
            }

            if (newCalls.Count > 0)
            {
                context.Traced = [.. context.Traced, .. newCalls];
                SeccompStage.SetProfile(context);
            }

            var answered = verification.Failures;
            if (candidates.Count == 0 && newCalls.Count == 0)
            {
                context.Repairs.Add(new RepairRound(round, answered, 0, [], [], "nothing to add: the slim image looked for nothing the original has"));
                context.AddDuration("repair", clock.Elapsed);
                break;
            }

            await rebuild.RunAsync(context, cancellationToken).ConfigureAwait(false);
            await write.RunAsync(context, cancellationToken).ConfigureAwait(false);
            var added = context.Selection!.Paths.Count - before;
            if (previousId != context.Result.Id && previousId is not null)
            {
                // The tag moved to the repaired image: the one it replaced is slim's own leftover.
                await context.Engine.RemoveImageAsync(previousId, cancellationToken).ConfigureAwait(false);
            }

            context.Repairs.Add(new RepairRound(
                round,
                answered,
                added,
                candidates.Take(50).Select(c => c.Via is null ? c.Path : $"{c.Path} (listed in {c.Via})").ToList(),
                newCalls,
                added == 0 && newCalls.Count == 0 ? "what it looked for is excluded by the rules" : null));
            context.Progress("repair", $"round {round}: added {added} paths{(newCalls.Count > 0 ? $" and {newCalls.Count} system calls" : "")}; verifying again");
            context.AddDuration("repair", clock.Elapsed);
            if (added == 0 && newCalls.Count == 0)
            {
                break;
            }

            clock.Restart();
            verification = await VerifyAsync(context, slimName, sensor, cancellationToken).ConfigureAwait(false);
            context.AddDuration("verify", clock.Elapsed);
        }

        context.Verification = verification;
    }

    private static Task<VerificationResult> VerifyAsync(BuildContext context, string slimName, SensorResult sensor, CancellationToken cancellationToken) =>
        new VerificationRun(context.Engine, d => context.Progress("verify", d))
            .RunAsync(slimName, context.Request.Sensor, sensor, context.ProfileJson, cancellationToken);
}
