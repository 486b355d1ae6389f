using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Slim.Pipeline.Probes;

/// <summary>
/// A value for one API parameter, as a person trying the API would pick it: the parameter's example,
/// then its first named example, the schema's example, first enum value and default, else a plain
/// value of its type (1, true, a date, the nil UUID's neighbour).
/// </summary>
public static class ApiParameterValue
{
    public static string? For(IOpenApiParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var schema = parameter.Schema;
        return Text(parameter.Example)
            ?? parameter.Examples?.Values.Select(e => Text(e.Value)).FirstOrDefault(v => v is not null)
            ?? FromSchema(schema);
    }

    private static string? FromSchema(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return "1";
        }

        var declared = schema.Examples?.Select(Text).FirstOrDefault(v => v is not null)
            ?? SingleExample(schema)
            ?? schema.Enum?.Select(Text).FirstOrDefault(v => v is not null)
            ?? Text(schema.Default);
        if (declared is not null)
        {
            return declared;
        }

        var type = schema.Type ?? JsonSchemaType.String;
        if (type.HasFlag(JsonSchemaType.Array))
        {
            return FromSchema(schema.Items);
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            return schema.Minimum is { } minimum && decimal.TryParse(minimum, NumberStyles.Number, CultureInfo.InvariantCulture, out var low) && low > 1
                ? Math.Ceiling(low).ToString(CultureInfo.InvariantCulture)
                : "1";
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return "true";
        }

        return schema.Format?.ToLowerInvariant() switch
        {
            "uuid" => "00000000-0000-0000-0000-000000000001",
            "date" => "2024-01-01",
            "date-time" => "2024-01-01T00:00:00Z",
            "email" => "user@example.com",
            _ => "1",
        };
    }

    // Documents older than OpenAPI 3.1 (and Swagger 2) have only the single `example`, which the model keeps apart.
#pragma warning disable CS0618
    private static string? SingleExample(IOpenApiSchema schema) => Text(schema.Example);
#pragma warning restore CS0618

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
