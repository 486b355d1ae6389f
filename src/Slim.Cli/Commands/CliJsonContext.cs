using System.Text.Json.Serialization;

namespace Slim.Cli.Commands;

/// <summary>Source-generated JSON for what the CLI prints.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageInspection))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
