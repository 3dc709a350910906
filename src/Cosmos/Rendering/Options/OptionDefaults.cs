using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering.Options;

/// <summary><c>JsonSchema.extractDefaultsFromSchema</c> (cosmos-api.md §4.2).</summary>
public static class OptionDefaults
{
    /// <summary>
    /// Walks <c>config.properties</c>: a property with <c>default</c> contributes it (even null or an object);
    /// otherwise one with nested <c>properties</c> contributes its own defaults when there are any. <c>$ref</c>,
    /// <c>definitions</c>, <c>allOf</c>, <c>oneOf</c> and array <c>items</c> are not followed. Returns a new object.
    /// </summary>
    public static JsonObject Extract(JsonObject? config)
    {
        var result = new JsonObject();
        if (config?["properties"] is not JsonObject properties)
        {
            return result;
        }

        foreach (var (name, property) in properties)
        {
            if (property is not JsonObject schema)
            {
                continue;
            }

            if (schema.TryGetPropertyValue("default", out var value))
            {
                result[name] = value?.DeepClone();
            }
            else if (schema["properties"] is JsonObject)
            {
                var nested = Extract(schema);
                if (nested.Count > 0)
                {
                    result[name] = nested;
                }
            }
        }

        return result;
    }
}
