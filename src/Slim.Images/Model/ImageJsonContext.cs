using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>Source-generated JSON for every image document slim reads or writes (no reflection, AOT-clean).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(List<DockerArchiveManifestEntry>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
[JsonSerializable(typeof(MediaTypeProbe))]
internal sealed partial class ImageJsonContext : JsonSerializerContext
{
}
