using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slim.Engine.Containers;

/// <summary>A captured output is a string in a report, as it was before outputs were bounded: its <see cref="CapturedOutput.Text"/>.</summary>
public sealed class CapturedOutputJsonConverter : JsonConverter<CapturedOutput>
{
    public override CapturedOutput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CapturedOutput.Of(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, CapturedOutput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Text);
    }
}
