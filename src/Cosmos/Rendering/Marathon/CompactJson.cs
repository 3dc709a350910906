using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering.Marathon;

/// <summary>Compact JSON as circe prints it for labels: no whitespace, non-ASCII raw, optionally nulls dropped at every depth.</summary>
public static class CompactJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>UTF-8 bytes of <paramref name="node"/>; object members and array elements that are null are left out when <paramref name="dropNulls"/>.</summary>
    public static byte[] ToUtf8(JsonNode? node, bool dropNulls)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node, dropNulls);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A deep copy of <paramref name="node"/> without null members or elements.</summary>
    public static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray([.. array.Where(i => i is not null).Select(WithoutNulls)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static void Write(Utf8JsonWriter writer, JsonNode? node, bool dropNulls)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    if (value is null && dropNulls)
                    {
                        continue;
                    }

                    writer.WritePropertyName(key);
                    Write(writer, value, dropNulls);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    if (item is null && dropNulls)
                    {
                        continue;
                    }

                    Write(writer, item, dropNulls);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
