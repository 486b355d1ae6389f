using System.Diagnostics;
using Slim.Engine.Images;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;

namespace Slim.Pipeline.Stages;

/// <summary>
/// Starts reading the target's layers into the file index, beside the sensor run rather than after it (two cores: the sensor
/// mostly waits on the app); the pass also spools the traced files' contents once the trace is in. Returns at once: the
/// rebuild stage awaits the index.
/// </summary>
internal sealed class IndexStage : IBuildStage
{
    public Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var target = context.RequireTarget();
        var source = new DaemonImageSource(context.Engine, DaemonImageLocation.FromName(target.Id), null);
        context.Source = source;
        context.Workspace = Directory.CreateTempSubdirectory("slim-build-");
        var spool = new ContentSpool(context.Workspace.FullName);
        context.Spool = spool;
        context.IndexCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        context.Index = IndexAsync(context, source, spool, context.IndexCancellation.Token);
        return Task.CompletedTask;
    }

    private static async Task<(SourceImage Image, FileIndex Index)> IndexAsync(
        BuildContext context, IExportingImageSource source, ContentSpool spool, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        context.Progress("index", $"reading the layers of {context.Request.Target}");
        bool Wanted(string key) => context.Wanted?.Contains(key) == true;
        // Indexed as the engine exports it: the export's time and the index's overlap instead of adding up.
        var (image, streamed) = await source.ReadWhileExportingAsync(
            (export, file, token) => DockerSaveIndexer.BuildAsync(export, spool, Wanted, source.Description, file, token), cancellationToken).ConfigureAwait(false);
        // Compressed layers (the containerd image store exports them so): index the landed archive, which unpacks them.
        var index = streamed ?? await FileIndex.BuildAsync(source, image, cancellationToken).ConfigureAwait(false);
        context.AddDuration("index", clock.Elapsed);
        return (image, index);
    }
}
