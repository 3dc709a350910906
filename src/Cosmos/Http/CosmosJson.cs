using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Universe.Cosmos.Http;

/// <summary>
/// JSON as Cosmos speaks it. Requests: camelCase, case-sensitive, unknown fields ignored, nullable annotations
/// respected (a non-nullable field sent as null does not decode). Responses: camelCase, no HTML escaping, and
/// null object members dropped at every depth (Finch's <c>dropNullValues</c>).
/// </summary>
public static class CosmosJson
{
    private static readonly byte[] NullToken = "null"u8.ToArray();

    /// <summary>Options for decoding request bodies.</summary>
    public static JsonSerializerOptions RequestOptions { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Options for encoding responses (use <see cref="SerializeToUtf8Bytes"/> to also drop nested nulls).</summary>
    public static JsonSerializerOptions ResponseOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises <paramref name="value"/> with <see cref="ResponseOptions"/> and drops null members at every depth.</summary>
    public static byte[] SerializeToUtf8Bytes(object value, Type? type = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type ?? value.GetType(), ResponseOptions);
        return bytes.AsSpan().IndexOf(NullToken) < 0 ? bytes : DropNulls(bytes);
    }

    /// <summary>Copies a JSON document, leaving out every object member whose value is null (array elements stay).</summary>
    public static byte[] DropNulls(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueIsEscaped ? reader.GetString()! : null;
                    var rawName = reader.ValueSpan;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (name is null)
                    {
                        writer.WritePropertyName(rawName);
                    }
                    else
                    {
                        writer.WritePropertyName(name);
                    }
                }

                WriteToken(ref reader, writer);
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                if (reader.ValueIsEscaped)
                {
                    writer.WriteStringValue(reader.GetString());
                }
                else
                {
                    writer.WriteStringValue(reader.ValueSpan);
                }

                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                break;
        }
    }
}
