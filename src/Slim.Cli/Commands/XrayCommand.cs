using System.CommandLine;
using Slim.Analysis.Xray;
using Slim.Cli.Views;
using Slim.Engine;
using Slim.Images;
using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;

namespace Slim.Cli.Commands;

/// <summary>`slim xray --target REF`: where an image's bytes are, layer by layer, with dive's efficiency and wasted bytes.</summary>
internal static class XrayCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "The image: [docker-daemon:]REF, docker-archive:PATH[:REF], oci:DIR[:REF], oci-archive:PATH[:REF].", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (slim.xray/v1) instead of tables." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML page (treemap, layers, suggestions) to this file." };
        var top = new Option<int>("--top") { Description = "How many entries each top list keeps.", DefaultValueFactory = _ => XrayOptions.Default.Top };
        var noHash = new Option<bool>("--no-content-hash") { Description = "Do not hash file contents (faster; no duplicate detection)." };
        var platform = new Option<string?>("--platform") { Description = "The platform to pick from a multi-platform image (default linux/amd64)." };
        var command = new Command("xray", "Analyse an image layer by layer: sizes, wasted bytes, efficiency, duplicates and suggestions.")
        {
            target,
            json,
            html,
            top,
            noHash,
            platform,
        };
        command.SetAction((parse, cancellationToken) => CommandFailures.RunAsync(
            parse,
            async ct =>
            {
                var topCount = parse.GetValue(top);
                if (topCount < 1)
                {
                    throw new CommandLineException($"--top must be at least 1, not {topCount}");
                }

                var htmlPath = parse.GetValue(html);
                if (htmlPath is not null && Path.GetDirectoryName(Path.GetFullPath(htmlPath)) is { } htmlDir && !Directory.Exists(htmlDir))
                {
                    throw new CommandLineException($"cannot write --html {htmlPath}: directory {htmlDir} does not exist");
                }

                var options = new XrayOptions { Top = topCount, HashContents = !parse.GetValue(noHash) };
                var error = parse.InvocationConfiguration.Error;
                var progress = error == Console.Error && !Console.IsErrorRedirected
                    ? new SynchronousProgress<XrayProgress>(p => error.Write(
                        p.LayerCount < 0 ? $"\rslim: reading layer {p.Layer + 1} of the export…   "
                        : p.Layer < p.LayerCount ? $"\rslim: reading layer {p.Layer + 1} of {p.LayerCount}…   "
                        : "\r" + new string(' ', 48) + "\r"))
                    : null;
                var report = await AnalyzeAsync(parse.GetValue(target)!, parse.GetValue(platform), options, ct, progress, RegistryCommandLine.From(parse)).ConfigureAwait(false);
                var output = parse.InvocationConfiguration.Output;
                if (htmlPath is not null)
                {
                    await File.WriteAllTextAsync(htmlPath, XrayHtmlPage.Render(report), ct).ConfigureAwait(false);
                }

                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(XrayJson.Serialize(report)).ConfigureAwait(false);
                }
                else
                {
                    XrayConsoleView.Render(report, output);
                    if (htmlPath is not null)
                    {
                        await output.WriteLineAsync($"HTML report: {htmlPath}").ConfigureAwait(false);
                    }
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    /// <summary>Opens the image wherever it is (the engine only when it is a docker-daemon: location) and analyses it.</summary>
    internal static async Task<XrayReport> AnalyzeAsync(string target, string? platform, XrayOptions options, CancellationToken cancellationToken, IProgress<XrayProgress>? progress = null, RegistryOptions? registry = null)
    {
        var location = ImageLocation.Parse(target);
        var wanted = platform is null ? null : Platform.Parse(platform);
        using var endpoints = new ImageEndpoints(new EngineOptions(), registry);
        await using var source = await endpoints.OpenSourceAsync(location, wanted, cancellationToken).ConfigureAwait(false);
        // From the engine, one pass over its export: nothing lands on disk, and reading overlaps the transfer.
        if (source is IExportingImageSource exporting
            && await exporting.ReadExportAsync((export, token) => XrayAnalyzer.AnalyzeExportAsync(export, source.Description, options, progress, token), cancellationToken).ConfigureAwait(false) is { } streamed)
        {
            return streamed;
        }

        return await XrayAnalyzer.AnalyzeAsync(source, options, progress, cancellationToken).ConfigureAwait(false);
    }
}
