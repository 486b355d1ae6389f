using Slim.Engine;
using Slim.Images.Model;

namespace Slim.Pipeline;

/// <summary>
/// The tag a build writes in the engine: it must not name the original, and a build that does not finish gives it
/// back to the image it named before (or to none).
/// </summary>
internal sealed class SlimTagGuard(IContainerEngine engine)
{
    /// <summary>The image ID a name points to now; null when it names none.</summary>
    public async Task<string?> ImageIdAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await engine.InspectImageAsync(name, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="name"/> already names the image <paramref name="id"/>.</summary>
    public async Task<bool> NamesAsync(string name, string id, CancellationToken cancellationToken) =>
        await ImageIdAsync(name, cancellationToken).ConfigureAwait(false) == id;

    /// <summary>Removes what the build loaded under <paramref name="slimName"/> and points it back at <paramref name="previous"/>.</summary>
    public async Task UndoAsync(string slimName, string? previous)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var now = await ImageIdAsync(slimName, limit.Token).ConfigureAwait(false);
            if (now is null || now == previous)
            {
                return;
            }

            await engine.RemoveImageAsync(slimName, limit.Token).ConfigureAwait(false);
            if (previous is not null && ImageReference.TryParse(slimName, out var reference))
            {
                await engine.TagImageAsync(previous, reference, limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is EngineException or OperationCanceledException or HttpRequestException or IOException)
        {
            // Best effort: the failure that got us here is what the user must see.
        }
    }
}
