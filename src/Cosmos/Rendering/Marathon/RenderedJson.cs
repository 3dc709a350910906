using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Rendering.Errors;

namespace Universe.Cosmos.Rendering.Marathon;

/// <summary>
/// Parses rendered template text like circe/jawn (cosmos-api.md §4.4): duplicate keys resolve last-wins,
/// numbers keep their lexical form (<c>1.0</c> stays <c>1.0</c>).
/// </summary>
public static class RenderedJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>The rendered object; throws <see cref="CosmosException"/> with <c>JsonParsingError</c> or <c>MarathonTemplateMustBeJsonObject$</c>.</summary>
    public static JsonObject ParseObject(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        JsonDocument document;
        try
        {
            // Not disposed on success: number values below stay backed by the document (kept alive by them).
            document = JsonDocument.Parse(rendered, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CosmosException(new JsonParsingError("org.typelevel.jawn.ParseException", e.Message, rendered));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new CosmosException(new MarathonTemplateMustBeJsonObject());
        }

        return (JsonObject)ToNode(document.RootElement)!;
    }

    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.Number:
                return JsonValue.Create(element);
            default:
                return null;
        }
    }
}
