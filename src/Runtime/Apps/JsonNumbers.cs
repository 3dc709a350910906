using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>Reads numbers from JSON nodes whether they were parsed (JsonElement) or created from CLR values.</summary>
internal static class JsonNumbers
{
    public static bool TryGetDouble(this JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue(out double d))
        {
            value = d;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out decimal m))
        {
            value = (double)m;
            return true;
        }

        if (v.TryGetValue(out float f))
        {
            value = f;
            return true;
        }

        return false;
    }
}
