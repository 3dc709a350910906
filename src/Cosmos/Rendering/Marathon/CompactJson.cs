using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering.Marathon;

/// <summary>Compact JSON as circe prints it for labels: no whitespace, non-ASCII raw, optionally null object members dropped at every depth (array elements stay, as with circe's <c>dropNullValues</c>).</summary>
public static class CompactJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>UTF-8 bytes of <paramref name="node"/>; object members that are null are left out when <paramref name="dropNulls"/>.</summary>
    public static byte[] ToUtf8(JsonNode? node, bool dropNulls)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node, dropNulls);
        }

        return buffer.WrittenSpan.ToArray();
    }

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
