using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slim.Images.Model;

/// <summary>Reads and writes a <see cref="MediaType"/> as its plain string.</summary>
internal sealed class MediaTypeJsonConverter : JsonConverter<MediaType>
{
    public override MediaType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, MediaType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
