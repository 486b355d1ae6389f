using System.Diagnostics;
using Slim.Engine.Images;
using Slim.Images.Layers;
using Slim.Images.Sinks;
using Slim.Images.Transports;
using Slim.Pipeline.Report;
using Slim.Rebuild.Writing;
using Slim.Trace;

namespace Slim.Pipeline.Stages;

/// <summary>
/// Writes the selection as one layer and the slim image around it (DESIGN.md step 7), loaded into the engine under the slim
/// name or written to --output. Run again by each repair round.
/// </summary>
internal sealed class WriteStage : IBuildStage
{
    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var image = context.Image ?? throw new InvalidOperationException("the write stage needs the rebuild stage");
        var selection = context.Selection!;
        var slimName = context.SlimName;
        var clock = Stopwatch.StartNew();
        context.Progress("write", $"writing {selection.Paths.Count} paths as one layer");
        var config = request.ConfigChanges.Apply(image.Config.Config);
        var destination = request.Output ?? DaemonImageLocation.FromName(slimName!);
        await using var sink = destination is DaemonImageLocation daemon ? new DaemonImageSink(context.Engine, daemon) : ImageSinks.Open(destination);
        var layerPath = Path.Combine(context.Workspace!.FullName, "layer.tar");
        WrittenLayer layer;
        await using (var file = new FileStream(layerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var compression = sink.RequiresUncompressedLayers ? LayerCompression.None : LayerCompression.Gzip;
            layer = await SlimLayerBuilder.WriteAsync(context.Source!, image, context.Tree!, selection, context.Spool!, file, compression, cancellationToken).ConfigureAwait(false);
        }

        var name = destination switch
        {
            DaemonImageLocation d => d.Reference,
            _ => null,
        };
        context.Progress("write", $"{(destination is DaemonImageLocation ? "loading" : "writing")} {layer.UncompressedSize / 1048576.0:0.0} MiB into {destination}");
        var slim = await SlimImageWriter.WriteAsync(
            image, config, layer, () => new FileStream(layerPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous),
            sink, name, cancellationToken).ConfigureAwait(false);
        context.AddDuration("write", clock.Elapsed);

        var size = slim.UncompressedBytes;
        if (slimName is not null)
        {
            size = (await context.Engine.InspectImageAsync(slimName, cancellationToken).ConfigureAwait(false)).Size;
        }

        context.Result = new ImageSummary(slimName ?? request.Output!.ToString(), slim.ConfigDigest.ToString(), slim.ManifestDigest.ToString(), size, slim.Entries);
    }
}
