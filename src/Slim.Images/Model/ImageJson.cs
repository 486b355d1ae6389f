using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Slim.Images.Model;

/// <summary>Parses and writes image documents, turning malformed JSON into an <see cref="ImageException"/> that names the document.</summary>
public static class ImageJson
{
    public static ImageManifest ParseManifest(ReadOnlySpan<byte> json, string subject) => Parse(json, ImageJsonContext.Default.ImageManifest, subject);

    public static ImageIndex ParseIndex(ReadOnlySpan<byte> json, string subject) => Parse(json, ImageJsonContext.Default.ImageIndex, subject);

    public static ImageConfig ParseConfig(ReadOnlySpan<byte> json, string subject) => Parse(json, ImageJsonContext.Default.ImageConfig, subject);

    public static byte[] Serialize(ImageManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, ImageJsonContext.Default.ImageManifest);

    public static byte[] Serialize(ImageIndex index) => JsonSerializer.SerializeToUtf8Bytes(index, ImageJsonContext.Default.ImageIndex);

    public static byte[] Serialize(ImageConfig config) => JsonSerializer.SerializeToUtf8Bytes(config, ImageJsonContext.Default.ImageConfig);

    internal static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string subject)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type)
                ?? throw new ImageException(ImageErrorReason.InvalidFormat, subject, $"{subject} is empty (null JSON)");
        }
        catch (JsonException e)
        {
            throw new ImageException(ImageErrorReason.InvalidFormat, subject, $"{subject} is not valid JSON for its kind: {e.Message}", e);
        }
    }

    /// <summary>True when the document is an index (by media type, or by having "manifests" when untyped).</summary>
    internal static bool IsIndex(ReadOnlySpan<byte> json, string subject)
    {
        var probe = Parse(json, ImageJsonContext.Default.MediaTypeProbe, subject);
        return probe.MediaType is { } type ? type.IsIndex : probe.Manifests is not null;
    }
}
