using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Packages;

/// <summary>
/// Parses JSON into fully materialised <see cref="JsonNode"/>s (so shared packages are safe to read from many
/// threads) with Python's duplicate-key rule, which the Universe tooling used: the last value wins, at the first
/// key's position (a few upstream <c>package.json</c> files repeat a key).
/// </summary>
internal static class JsonTree
{
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var node = JsonNode.Parse(utf8);
        try
        {
            Materialize(node);
            return node;
        }
        catch (ArgumentException)
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            return Convert(document.RootElement);
        }
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    Materialize(property.Value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = Convert(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
