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
            throw new ImageException(ImageErrorReason.InvalidFormat, subject, Describe(json, e, subject), e);
        }
    }

    /// <summary>What is wrong with a document, in the user's terms: no .NET type names, where it broke and what to check.</summary>
    private static string Describe(ReadOnlySpan<byte> json, JsonException e, string subject)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1})" : "";
        try
        {
            var reader = new Utf8JsonReader(json);
            using (JsonDocument.ParseValue(ref reader))
            {
            }
        }
        catch (JsonException)
        {
            return $"{subject} is not valid JSON{where}: the file is damaged or not an image document";
        }

        return $"{subject} is JSON of the wrong shape at {e.Path ?? "$"}{where}: not the document an image holds there";
    }

    /// <summary>True when the document is an index (by media type, or by having "manifests" when untyped).</summary>
    internal static bool IsIndex(ReadOnlySpan<byte> json, string subject)
    {
        var probe = Parse(json, ImageJsonContext.Default.MediaTypeProbe, subject);
        return probe.MediaType is { } type ? type.IsIndex : probe.Manifests is not null;
    }
}
