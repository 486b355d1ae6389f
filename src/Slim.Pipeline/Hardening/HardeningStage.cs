using System.Diagnostics;
using Slim.Pipeline.Stages;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Hardening;

namespace Slim.Pipeline.Hardening;

/// <summary>
/// DESIGN.md step 9: the plan from the trace, proved by running the slim image under all of it at once (the generated
/// seccomp profile, --read-only with the tmpfs mounts, --cap-drop ALL plus only the needed capabilities,
/// no-new-privileges). When that run differs from the original, each setting is relaxed alone, one run each, and the
/// first whose relaxing passes is the one that broke it. A root app that relied on nothing of root's is run once more as
/// <see cref="NonRootCandidate"/>.
/// </summary>
internal sealed class HardeningStage : IBuildStage
{
    /// <summary>nobody:nogroup by number, so it needs no passwd entry in the slim image.</summary>
    public const string NonRootCandidate = "65534:65534";

    private const string BindCapability = "NET_BIND_SERVICE";

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        if (SkipReason(context) is { } skipped)
        {
            context.HardeningSkipped = skipped;
            return;
        }

        var clock = Stopwatch.StartNew();
        var sensor = context.RequireSensor();
        var request = context.Request;
        var config = request.ConfigChanges.Apply(context.Image!.Config.Config);
        var plan = HardeningPlanner.Plan(sensor.Reports, context.Tree!, context.Selection!.Paths.Keys, config?.Volumes?.Keys ?? Enumerable.Empty<string>());
        var planned = new HardenedRun(context.SeccompPath, plan.ReadOnlyRootfs, plan.Tmpfs, true, plan.CapabilityNames, plan.NoNewPrivileges, null)
        {
            Volumes = plan.CopiedVolumes,
        };
        context.Progress("harden", $"verifying under {string.Join(' ', planned.DockerArguments().Skip(1))}");
        var runs = 1;
        var first = await VerifyUnderAsync(context, planned, cancellationToken).ConfigureAwait(false);
        var proved = planned;
        var relaxed = new List<string>();
        var passed = first.Passed;
        if (!passed)
        {
            foreach (var (setting, relax) in Relaxations(planned))
            {
                runs++;
                context.Progress("harden", $"it differs under all of them; trying without {setting}");
                if ((await VerifyUnderAsync(context, relax, cancellationToken).ConfigureAwait(false)).Passed)
                {
                    proved = relax;
                    passed = true;
                    relaxed.Add($"{setting}: {first.Failures[0]}");
                    break;
                }
            }

            if (!passed)
            {
                // No one setting alone: back to what verification itself proved (the seccomp profile only).
                proved = planned with { ReadOnlyRootfs = false, Tmpfs = [], Volumes = [], DropAllCapabilities = false, AddCapabilities = [], NoNewPrivileges = false };
                relaxed.Add($"read-only, capabilities and no-new-privileges: no one of them alone explains {first.Failures[0]}");
                passed = true;
            }
        }

        // A port below 1024 needs NET_BIND_SERVICE by the kernel's default, but Docker lowers ip_unprivileged_port_start to
        // 0 in the container: one run without it says whether this engine needs it (the cluster's securityContext keeps it).
        if (proved.DropAllCapabilities && proved.AddCapabilities.Contains(BindCapability, StringComparer.Ordinal))
        {
            runs++;
            var withoutBind = proved with { AddCapabilities = [.. proved.AddCapabilities.Where(c => c != BindCapability)], ClusterCapabilities = [BindCapability] };
            context.Progress("harden", $"verifying once without {BindCapability} (the engine may allow low ports)");
            if ((await VerifyUnderAsync(context, withoutBind, cancellationToken).ConfigureAwait(false)).Passed)
            {
                proved = withoutBind;
            }
        }

        string? nonRoot = null;
        var imageUser = sensor.Reports[0].User;
        if (request.Sensor.Overrides.User is null && plan.RunsAsRoot && !plan.NeedsRoot && request.ConfigChanges.User is null)
        {
            runs++;
            var asNobody = proved with { User = NonRootCandidate };
            context.Progress("harden", $"it never relied on root: verifying once as {NonRootCandidate}");
            if ((await VerifyUnderAsync(context, asNobody, cancellationToken).ConfigureAwait(false)).Passed)
            {
                proved = asNobody;
                nonRoot = NonRootCandidate;
            }
        }
        else if (imageUser.Uid != 0)
        {
            nonRoot = imageUser.Requested ?? $"{imageUser.Uid}:{imageUser.Gid}";
        }

        context.Hardening = new HardeningReport(
            plan,
            passed,
            proved,
            proved.DockerRunLine(context.SlimName!),
            proved.DropAllCapabilities ? proved.AddCapabilities : null,
            relaxed,
            nonRoot,
            runs,
            first.Failures);
        context.AddDuration("harden", clock.Elapsed);
        context.Progress("harden", relaxed.Count == 0 ? "proved under all settings" : "relaxed " + string.Join("; ", relaxed));
    }

    private static string? SkipReason(BuildContext context)
    {
        if (!context.Request.Harden)
        {
            return "--harden=false";
        }

        if (context.Verification is not { } verification)
        {
            return "the slim image was not verified";
        }

        return verification.Passed ? null : "the slim image failed verification";
    }

    /// <summary>The plan with one setting relaxed, for each setting it has, in the order they most often break apps.</summary>
    private static IEnumerable<(string Setting, HardenedRun Run)> Relaxations(HardenedRun planned)
    {
        if (planned.DropAllCapabilities)
        {
            yield return ("capabilities (the engine's default set)", planned with { DropAllCapabilities = false, AddCapabilities = [] });
        }

        if (planned.ReadOnlyRootfs)
        {
            yield return ("read-only", planned with { ReadOnlyRootfs = false, Tmpfs = [], Volumes = [] });
        }

        if (planned.NoNewPrivileges)
        {
            yield return ("no-new-privileges", planned with { NoNewPrivileges = false });
        }
    }

    private static async Task<VerificationResult> VerifyUnderAsync(BuildContext context, HardenedRun run, CancellationToken cancellationToken)
    {
        try
        {
            return await new VerificationRun(context.Engine, d => context.Progress("harden", d)) { Hardening = run }
                .RunAsync(context.SlimName!, context.Request.Sensor, context.RequireSensor(), context.ProfileJson, cancellationToken).ConfigureAwait(false);
        }
        catch (Engine.EngineException e)
        {
            // The app died under a setting (an exec into a stopped container): a failed run, not a failed build.
            return new VerificationResult(false, [e.Message], [], [], [], null, true);
        }
    }
}
