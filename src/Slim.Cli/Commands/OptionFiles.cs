using System.Text.Json;
using Slim.Pipeline.Probes;

namespace Slim.Cli.Commands;

/// <summary>The files that options name (--include-path-file, --exec-file, --host-exec-file, --http-probe-cmd-file, --http-probe-api-spec-file): read, or one clear line.</summary>
internal static class OptionFiles
{
    public static IEnumerable<string> ReadLines(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CommandLineException($"{file.FullName} does not exist");
        }

        return File.ReadAllLines(file.FullName).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
    }

    /// <summary>An --http-probe-api-spec-file: its text, when it is an OpenAPI or Swagger document.</summary>
    public static string ReadApiDocument(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CommandLineException($"{file.FullName} does not exist");
        }

        var text = File.ReadAllText(file.FullName);
        return ApiDescription.LooksLikeOne(text) ? text : throw new CommandLineException($"{file.FullName}: not an OpenAPI or Swagger document");
    }

    public static IEnumerable<HttpProbeCommand> ReadProbeCommands(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CommandLineException($"{file.FullName} does not exist");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file.FullName));
            var items = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("commands", out var list)
                ? list
                : document.RootElement;
            return items.EnumerateArray().Select(item => new HttpProbeCommand(
                item.TryGetProperty("method", out var m) ? m.GetString()!.ToUpperInvariant() : "GET",
                item.TryGetProperty("path", out var p) ? p.GetString()! : item.TryGetProperty("resource", out var r) ? r.GetString()! : "/",
                item.TryGetProperty("port", out var port) && port.ValueKind == JsonValueKind.Number ? port.GetInt32() : null,
                item.TryGetProperty("body", out var b) ? b.GetString() : null,
                item.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object
                    ? h.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase)
                    : null)).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CommandLineException($"{file.FullName}: not a JSON list of probe commands ({e.Message})", e);
        }
    }
}
