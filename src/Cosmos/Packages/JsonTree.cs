using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Packages;

/// <summary>
/// Parses JSON into <see cref="JsonNode"/>s with Python's duplicate-key rule, which the Universe tooling used: the
/// last value wins, at the first key's position (a few upstream <c>package.json</c> files repeat a key). The fast path
/// rejects duplicates while parsing and leaves the nodes lazily backed by their document (cheap to hold; concurrent
/// reads are safe since .NET 8); only a document with duplicates is rebuilt eagerly.
/// </summary>
internal static class JsonTree
{
    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        try
        {
            return JsonNode.Parse(utf8, documentOptions: NoDuplicates);
        }
        catch (JsonException)
        {
            // Duplicate keys (or bad JSON, which throws again here with the real reason).
            using var document = JsonDocument.Parse(utf8.ToArray());
            return FromElement(document.RootElement);
        }
    }

    /// <summary>Builds detached nodes from <paramref name="element"/>; a repeated key keeps its last value at its first position.</summary>
    internal static JsonNode? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = FromElement(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item));
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
