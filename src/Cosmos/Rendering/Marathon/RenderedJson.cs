using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Errors;

namespace Universe.Cosmos.Rendering.Marathon;

/// <summary>
/// Parses rendered template text like circe/jawn (cosmos-api.md §4.4): duplicate keys resolve last-wins,
/// numbers keep their lexical form (<c>1.0</c> stays <c>1.0</c>).
/// </summary>
public static class RenderedJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    [ThreadStatic]
    private static List<HashSet<int>>? _hashSets;

    /// <summary>The rendered object; throws <see cref="CosmosException"/> with <c>JsonParsingError</c> or <c>MarathonTemplateMustBeJsonObject$</c>.</summary>
    /// <remarks>
    /// The text is parsed once. Without repeated keys (the normal case) the object is a lazily materialised
    /// <see cref="JsonNode"/> over that document; with them it is built eagerly, the last value winning.
    /// </remarks>
    public static JsonObject ParseObject(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        JsonDocument document;
        try
        {
            // Not disposed: the nodes below stay backed by the document (which they keep alive).
            document = JsonDocument.Parse(Encoding.UTF8.GetBytes(rendered), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CosmosException(new JsonParsingError("org.typelevel.jawn.ParseException", e.Message, rendered));
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new CosmosException(new MarathonTemplateMustBeJsonObject());
        }

        var hashSets = _hashSets ??= [];
        _hashSets = null;
        var repeated = HasRepeatedKeys(root, hashSets, 0);
        _hashSets = hashSets;
        return repeated ? (JsonObject)JsonTree.FromElement(root)! : JsonObject.Create(root)!;
    }

    /// <summary>Whether some object in <paramref name="element"/> repeats a key (escaped keys count as possible repeats).</summary>
    private static bool HasRepeatedKeys(JsonElement element, List<HashSet<int>> hashSets, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                while (hashSets.Count <= depth)
                {
                    hashSets.Add([]);
                }

                var hashes = hashSets[depth];
                hashes.Clear();
                foreach (var property in element.EnumerateObject())
                {
                    var name = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (name.Contains((byte)'\\'))
                    {
                        return true;
                    }

                    var hash = new HashCode();
                    hash.AddBytes(name);
                    if (!hashes.Add(hash.ToHashCode()) && Occurrences(element, name) > 1)
                    {
                        return true;
                    }

                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && HasRepeatedKeys(property.Value, hashSets, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && HasRepeatedKeys(item, hashSets, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static int Occurrences(JsonElement obj, ReadOnlySpan<byte> name)
    {
        var count = 0;
        foreach (var property in obj.EnumerateObject())
        {
            if (JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual(name))
            {
                count++;
            }
        }

        return count;
    }
}
