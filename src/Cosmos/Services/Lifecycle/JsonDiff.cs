using System.Text;
using System.Text.Json.Nodes;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// The leaf-level differences between two JSON documents, each addressed by a JSON Pointer (RFC 6901). Objects are
/// compared member by member (the old document's order, then members only in the new one), arrays element by
/// element; a value whose kind changes (object ↔ array ↔ scalar) is one change at its own path. Pure.
/// </summary>
public static class JsonDiff
{
    /// <summary>Every changed path; <c>Old</c>/<c>New</c> null where that side has no value.</summary>
    public static IReadOnlyList<ValueChange> Compute(JsonNode? before, JsonNode? after)
    {
        var changes = new List<ValueChange>();
        Walk(new StringBuilder(), before, after, changes);
        return changes;
    }

    private static void Walk(StringBuilder path, JsonNode? before, JsonNode? after, List<ValueChange> changes)
    {
        if (before is JsonObject oldObject && after is JsonObject newObject)
        {
            foreach (var (key, value) in oldObject)
            {
                Child(path, key, value, newObject.TryGetPropertyValue(key, out var other) ? other : null, changes);
            }

            foreach (var (key, value) in newObject)
            {
                if (!oldObject.ContainsKey(key))
                {
                    Child(path, key, null, value, changes);
                }
            }

            return;
        }

        if (before is JsonArray oldArray && after is JsonArray newArray)
        {
            var count = Math.Max(oldArray.Count, newArray.Count);
            for (var i = 0; i < count; i++)
            {
                Child(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i < oldArray.Count ? oldArray[i] : null, i < newArray.Count ? newArray[i] : null, changes);
            }

            return;
        }

        if (!JsonNode.DeepEquals(before, after))
        {
            changes.Add(new ValueChange(path.Length == 0 ? string.Empty : path.ToString(), before?.DeepClone(), after?.DeepClone()));
        }
    }

    private static void Child(StringBuilder path, string key, JsonNode? before, JsonNode? after, List<ValueChange> changes)
    {
        var length = path.Length;
        path.Append('/').Append(key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        Walk(path, before, after, changes);
        path.Length = length;
    }
}
