using Slim.Engine;
using Slim.Pipeline.Hardening;
using Slim.Pipeline.Report;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Stages;

namespace Slim.Pipeline;

/// <summary>
/// `slim build` from end to end (DESIGN.md, the pipeline) as stages over one <see cref="BuildContext"/>: resolve, index
/// (beside the sensor run), sensor run, seccomp profile, rebuild, write/load, verify and repair, report. `slim profile` is
/// the same pipeline without its index, rebuild, write and verify stages. Progress goes to <paramref name="stage"/> (a
/// stage name and a detail line); nothing here writes to the screen. Temporary files go whatever happens.
/// </summary>
public sealed class BuildPipeline(IContainerEngine engine, TracerBundle bundle, Action<string, string> stage)
{
    public async Task<BuildReport> RunAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var context = new BuildContext(request, engine, bundle, stage);
        try
        {
            foreach (var step in StagesFor(request))
            {
                await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }

            return context.Report ?? throw new InvalidOperationException("the pipeline ended without a report");
        }
        catch when (context.RestoreTagOnFailure)
        {
            // Cancelled or failed after the slim image was loaded (during verification or repair): a build that did not
            // finish leaves no image behind, and the tag goes back to what it named before.
            await new SlimTagGuard(engine).UndoAsync(context.SlimName!, context.PreviousSlimId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The steps a request runs, in order.</summary>
    internal static IReadOnlyList<IBuildStage> StagesFor(BuildRequest request)
    {
        if (request.ProfileOnly)
        {
            return [new ResolveStage(), new SensorStage(), new SeccompStage(), new ReportStage()];
        }

        var rebuild = new RebuildStage();
        var write = new WriteStage();
        return [new ResolveStage(), new IndexStage(), new SensorStage(), new SeccompStage(), rebuild, write, new VerifyStage(rebuild, write), new HardeningStage(), new ReportStage()];
    }
}
