using Slim.Trace.Errors;
namespace Slim.Pipeline.Stages;

/// <summary>
/// Finds the target in the engine and pins its ID (everything after reads the image by it: a tag moved meanwhile cannot mix
/// two images), names the slim image and checks that name does not replace the original.
/// </summary>
internal sealed class ResolveStage : IBuildStage
{
    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var target = await context.Engine.InspectImageAsync(request.Target.Text, cancellationToken).ConfigureAwait(false);
        context.Target = target;
        var slimName = request.Output is null ? request.Tag?.Text ?? SlimTag.For(request.Target.Text) : null;
        var guard = new SlimTagGuard(context.Engine);
        if (slimName is not null && await guard.NamesAsync(slimName, target.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new BuildException(ErrorReason.BadInput, slimName, $"--tag {slimName} names the original image itself; slim never replaces the original: choose another tag");
        }

        context.SlimName = slimName;
        context.Request = request with { Sensor = request.Sensor with { ImageId = target.Id } };
        if (slimName is not null && !request.ProfileOnly)
        {
            context.PreviousSlimId = await guard.ImageIdAsync(slimName, cancellationToken).ConfigureAwait(false);
            context.RestoreTagOnFailure = true;
        }
    }
}
