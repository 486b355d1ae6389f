using System.CommandLine;
using Slim.Engine;
using Slim.Images;
using Slim.Images.Copy;
using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;

namespace Slim.Cli.Commands;

/// <summary>`slim copy SRC DST`: an image from one transport to another, digests checked, nothing left behind on failure.</summary>
internal static class CopyCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("SRC") { Description = "The image to read: [docker-daemon:]REF, docker-archive:PATH[:REF], oci:DIR[:REF], oci-archive:PATH[:REF], docker://HOST/REPO[:TAG]." };
        var destination = new Argument<string>("DST") { Description = "Where to write it, in the same syntax (docker-daemon:REF loads it into the engine)." };
        var platform = new Option<string?>("--platform") { Description = "The platform to pick from a multi-platform image (default linux/amd64)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing file (docker-archive:, oci-archive:) or non-empty folder (oci:) at DST." };
        var checkLayers = new Option<bool>("--check-layers")
        {
            Description = "Decompress each layer on the way to check its diff_id and its entries, refusing a broken or hostile layer (default true; a copy into a registry passes blobs as they are). =false checks blob digests and sizes only, as skopeo does: faster for compressed layers.",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("copy", "Copy an image between the engine, registries, docker-archive and OCI layouts.")
        {
            source,
            destination,
            platform,
            force,
            checkLayers,
        };
        command.SetAction((parse, cancellationToken) => CommandFailures.RunAsync(
            parse,
            async ct =>
            {
                var from = ImageLocation.Parse(parse.GetValue(source)!);
                var to = ImageLocation.Parse(parse.GetValue(destination)!);
                var wanted = parse.GetValue(platform) is { } p ? Platform.Parse(p) : null;
                var debug = parse.GetValue(SlimCommandLine.Debug);
                var error = parse.InvocationConfiguration.Error;
                using var endpoints = new ImageEndpoints(new EngineOptions(), RegistryCommandLine.From(parse));
                await using var reader = await endpoints.OpenSourceAsync(from, wanted, ct).ConfigureAwait(false);
                await using var writer = await endpoints.OpenSinkAsync(to, ct, parse.GetValue(force)).ConfigureAwait(false);
                // --debug: every step on its own line; on a terminal: the latest step, overwritten, cleared at the end
                var live = !debug && error == Console.Error && !Console.IsErrorRedirected;
                var progress = debug ? new SynchronousProgress<string>(m => error.WriteLine("  " + m))
                    : live ? new SynchronousProgress<string>(m => error.Write($"\rslim: {m}…".PadRight(72)[..72]))
                    : null;
                ImageCopyResult result;
                try
                {
                    result = (reader is IExportingImageSource exporting ? await exporting.TryStreamCopyAsync(writer, progress, ct).ConfigureAwait(false) : null)
                        ?? (writer is RegistryImageSink registry
                            ? await RegistryCopy.CopyAsync(reader, registry, progress, ct).ConfigureAwait(false)
                            : await ImageCopy.CopyAsync(reader, writer, progress, ct, new ImageCopyOptions(parse.GetValue(checkLayers))).ConfigureAwait(false));
                }
                finally
                {
                    if (live)
                    {
                        error.Write("\r" + new string(' ', 72) + "\r");
                    }
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"copied {from} -> {to}: manifest {result.Manifest.Digest}, config {result.ConfigDigest}, {result.DiffIds.Count} layers").ConfigureAwait(false);
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
