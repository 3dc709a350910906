using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// Builds the mustache scope from JSON once per render (cosmos-api.md §4.4, <c>jsonToJava</c>): objects become
/// <see cref="MustacheMap"/>s, arrays <see cref="MustacheList"/>s, strings their JSON escaping without quotes
/// (with quotes when a direct array element), numbers and booleans pre-printed <see cref="MustacheScalar"/>s,
/// null <see cref="MustacheNull"/>. The <c>asJson</c> lambda is added at the top level.
/// </summary>
internal static class MustacheScope
{
    public const string AsJsonKey = "asJson";

    /// <summary>The scope <c>options ⊕ {"resource": resource}</c> (the package resource wins), built without cloning JSON.</summary>
    public static MustacheMap Build(JsonObject options, JsonObject? resource)
    {
        var map = (MustacheMap)Convert(options, inArray: false);
        if (resource is not null)
        {
            var converted = (MustacheMap)Convert(resource, inArray: false);
            if (map.TryGetValue("resource", out var existing) && existing is MustacheMap existingMap)
            {
                Merge(existingMap, converted);
            }
            else
            {
                map["resource"] = converted;
            }
        }

        map[AsJsonKey] = AsJson(options);
        return map;
    }

    private static void Merge(MustacheMap target, MustacheMap source)
    {
        foreach (var (key, value) in source)
        {
            if (value is MustacheMap sourceMap && target.TryGetValue(key, out var existing) && existing is MustacheMap targetMap)
            {
                Merge(targetMap, sourceMap);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    /// <summary>Converts one JSON value.</summary>
    public static object Convert(JsonNode? node, bool inArray)
    {
        switch (node)
        {
            case null:
                return MustacheNull.Instance;
            case JsonObject obj:
                var map = new MustacheMap(obj.Count);
                foreach (var (key, value) in obj)
                {
                    map[key] = Convert(value, inArray: false);
                }

                return map;
            case JsonArray array:
                var list = new MustacheList(array.Count);
                foreach (var item in array)
                {
                    list.Add(Convert(item, inArray: true));
                }

                return list;
            default:
                var scalar = (JsonValue)node;
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => JsonStringEscape.Escape(scalar.GetValue<string>(), inArray),
                    JsonValueKind.True => MustacheScalar.True,
                    JsonValueKind.False => MustacheScalar.False,
                    JsonValueKind.Number => new MustacheScalar(JavaNumberFormat.FormatJsonNumber(scalar.ToJsonString()), truthy: true),
                    _ => MustacheNull.Instance,
                };
        }
    }

    /// <summary>
    /// <c>{{#asJson}}key{{/asJson}}</c>: the raw contents of the top-level string option <c>key</c> (no trimming,
    /// no dotted paths), or <c>null</c> for a missing or non-string value. Stubble renders the result as a template.
    /// </summary>
    private static Func<string, object> AsJson(JsonObject options) =>
        key => options.TryGetPropertyValue(key, out var value)
            && value is JsonValue v
            && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : "null";
}
