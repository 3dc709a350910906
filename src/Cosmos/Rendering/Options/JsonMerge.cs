using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>circe's <c>deepMerge</c> (cosmos-api.md §4.2): objects merge recursively, anything else on the right wins.</summary>
public static class JsonMerge
{
    /// <summary>
    /// A new object: <paramref name="left"/> with <paramref name="right"/> merged over it. Keys keep the left's order,
    /// new keys are appended; when both values are objects they merge, otherwise (arrays, scalars, null) the right
    /// value replaces the left one. Neither input is modified.
    /// </summary>
    public static JsonObject DeepMerge(JsonObject? left, JsonObject? right)
    {
        var result = left is null ? [] : (JsonObject)left.DeepClone();
        if (right is not null)
        {
            MergeInto(result, right);
        }

        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject right)
    {
        foreach (var (key, value) in right)
        {
            if (value is JsonObject rightObject && target[key] is JsonObject leftObject)
            {
                MergeInto(leftObject, rightObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
