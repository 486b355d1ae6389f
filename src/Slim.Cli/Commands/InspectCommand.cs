using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Slim.Engine;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;
using Slim.Rebuild.Index;
using Spectre.Console;

namespace Slim.Cli.Commands;

/// <summary>`slim inspect REF`: what an image is (digests, config, layers, history) without running it.</summary>
internal static class InspectCommand
{
    /// <summary>JSON for people and scripts: media types keep their '+' rather than \u002B.</summary>
    private static readonly JsonSerializerOptions Readable = new(CliJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "The image: [docker-daemon:]REF, docker-archive:PATH[:REF], oci:DIR[:REF], oci-archive:PATH[:REF], docker://HOST/REPO[:TAG]." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var platform = new Option<string?>("--platform") { Description = "The platform to pick from a multi-platform image (default linux/amd64)." };
        var files = new Option<bool>("--files") { Description = "Also read every layer (digests checked) and count the files of the final filesystem." };
        var command = new Command("inspect", "Show an image's digests, configuration, layers and history.")
        {
            image,
            json,
            platform,
            files,
        };
        command.SetAction((parse, cancellationToken) => CommandFailures.RunAsync(
            parse,
            async ct =>
            {
                var location = ImageLocation.Parse(parse.GetValue(image)!);
                var wanted = parse.GetValue(platform) is { } p ? Platform.Parse(p) : null;
                using var endpoints = new ImageEndpoints(new EngineOptions(), RegistryCommandLine.From(parse));
                await using var source = await endpoints.OpenSourceAsync(location, wanted, ct).ConfigureAwait(false);
                var withFiles = parse.GetValue(files);
                var read = source is IExportingImageSource exporting && !withFiles
                    ? await exporting.ReadImageWithoutSpoolingAsync(ct).ConfigureAwait(false)
                    : await source.GetImageAsync(ct).ConfigureAwait(false);
                var inspection = ImageInspection.From(location.ToString(), read);
                if (source is RegistryImageSource { Index: { } imageIndex, IndexDescriptor: { } indexDescriptor })
                {
                    inspection = inspection with { IndexDigest = indexDescriptor.Digest.ToString(), Platforms = imageIndex.Manifests.Select(m => m.Platform?.ToString() ?? "unknown").ToList() };
                }
                if (withFiles)
                {
                    var index = await FileIndex.BuildAsync(source, read, ct).ConfigureAwait(false);
                    inspection = inspection with
                    {
                        FileCount = index.Count,
                        FileBytes = index.Files.Where(f => f.Kind == LayerEntryKind.File).Sum(f => f.Size),
                    };
                }

                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(inspection, (JsonTypeInfo<ImageInspection>)Readable.GetTypeInfo(typeof(ImageInspection)))).ConfigureAwait(false);
                }
                else
                {
                    Render(inspection, output);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static void Render(ImageInspection image, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (output != Console.Out)
        {
            console.Profile.Width = 160;
        }

        var summary = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        void Row(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                summary.AddRow(new Text(key), new Text(value));
            }
        }

        Row("Name", image.Name);
        Row("Index", image.IndexDigest is null ? null : $"{image.IndexDigest} ({string.Join(", ", image.Platforms ?? [])})");
        Row("Digest", image.Digest);
        Row("Config", image.ConfigDigest);
        Row("Tags", string.Join(", ", image.RepoTags));
        Row("Created", image.Created?.ToString("u"));
        Row("Platform", image.Os is null ? null : $"{image.Os}/{image.Architecture}{(image.Variant is null ? "" : "/" + image.Variant)}");
        Row("User", image.User);
        Row("WorkingDir", image.WorkingDir);
        Row("Entrypoint", Quote(image.Entrypoint));
        Row("Cmd", Quote(image.Cmd));
        Row("Env", string.Join("\n", image.Env));
        Row("Ports", string.Join(", ", image.ExposedPorts));
        Row("Volumes", string.Join(", ", image.Volumes));
        Row("Labels", string.Join("\n", image.Labels.Select(l => $"{l.Key}={l.Value}")));
        Row("StopSignal", image.StopSignal);
        Row("Size", $"{FormatSize(image.Size)} in {image.Layers.Count} layers");
        Row("Files", image.FileCount is { } count ? $"{count} paths, {FormatSize(image.FileBytes ?? 0)} in regular files" : null);
        console.Write(summary);

        var layers = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("Digest").AddColumn("Type").AddColumn(new TableColumn("Size").RightAligned());
        for (var i = 0; i < image.Layers.Count; i++)
        {
            var layer = image.Layers[i];
            layers.AddRow(new Text(i.ToString()), new Text(layer.Digest), new Text(layer.MediaType[(layer.MediaType.LastIndexOf('.') + 1)..]), new Text(FormatSize(layer.Size)));
        }

        console.Write(layers);
        if (image.History.Count > 0)
        {
            var history = new Table().Border(TableBorder.Rounded).AddColumn("Created").AddColumn("Created by").AddColumn("Layer");
            foreach (var step in image.History)
            {
                var by = step.CreatedBy ?? "";
                history.AddRow(new Text(step.Created?.ToString("u") ?? ""), new Text(by.Length > 100 ? by[..100] + "…" : by), new Text(step.EmptyLayer ? "" : "yes"));
            }

            console.Write(history);
        }
    }

    private static string? Quote(IReadOnlyList<string>? words) =>
        words is null ? null : "[" + string.Join(", ", words.Select(w => "\"" + w + "\"")) + "]";

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / (double)(1 << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
