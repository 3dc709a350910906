using System.Text;
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

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>The rendered object; throws <see cref="CosmosException"/> with <c>JsonParsingError</c> or <c>MarathonTemplateMustBeJsonObject$</c>.</summary>
    /// <remarks>
    /// One validating scan finds the root kind and any duplicate key. Without duplicates (the normal case) the object
    /// is a lazily materialised <see cref="JsonNode"/> over the parsed document; with them it is built eagerly, last wins.
    /// </remarks>
    public static JsonObject ParseObject(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var utf8 = Encoding.UTF8.GetBytes(rendered);
        JsonTokenType root;
        bool hasDuplicates;
        try
        {
            (root, hasDuplicates) = Scan(utf8);
        }
        catch (JsonException e)
        {
            throw new CosmosException(new JsonParsingError("org.typelevel.jawn.ParseException", e.Message, rendered));
        }

        if (root != JsonTokenType.StartObject)
        {
            throw new CosmosException(new MarathonTemplateMustBeJsonObject());
        }

        if (!hasDuplicates)
        {
            return JsonNode.Parse(utf8, documentOptions: DocumentOptions)!.AsObject();
        }

        // Not disposed: number values below stay backed by the document (kept alive by them).
        var document = JsonDocument.Parse(utf8, DocumentOptions);
        return (JsonObject)ToNode(document.RootElement)!;
    }

    /// <summary>Validates the whole text; returns the root token and whether some object repeats a key (escaped keys count as possible repeats).</summary>
    private static (JsonTokenType Root, bool HasDuplicates) Scan(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var objects = new Stack<KeySet?>();
        var root = JsonTokenType.None;
        var duplicates = false;
        while (reader.Read())
        {
            if (root == JsonTokenType.None)
            {
                root = reader.TokenType;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push(duplicates ? null : new KeySet());
                    break;
                case JsonTokenType.StartArray:
                    objects.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName when !duplicates:
                    duplicates = reader.ValueIsEscaped || !objects.Peek()!.Add(utf8, reader.ValueSpan, (int)reader.TokenStartIndex + 1);
                    break;
            }
        }

        return (root, duplicates);
    }

    /// <summary>The keys seen in one object, as offsets into the text, indexed by hash.</summary>
    private sealed class KeySet
    {
        private readonly Dictionary<int, List<(int Start, int Length)>> _byHash = [];

        /// <summary>False when <paramref name="name"/> was already added.</summary>
        public bool Add(ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> name, int start)
        {
            var hash = new HashCode();
            hash.AddBytes(name);
            var code = hash.ToHashCode();
            if (_byHash.TryGetValue(code, out var same))
            {
                foreach (var (s, l) in same)
                {
                    if (utf8.Slice(s, l).SequenceEqual(name))
                    {
                        return false;
                    }
                }

                same.Add((start, name.Length));
                return true;
            }

            _byHash[code] = [(start, name.Length)];
            return true;
        }
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
