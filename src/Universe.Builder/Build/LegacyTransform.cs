using System.Text;
using System.Text.Json.Nodes;

namespace Universe.Builder.Build;

/// <summary>
/// What the upstream generator does to a package entry for DC/OS below 1.10 (universe-format.md §3.1): the old
/// re-escaping of <c>"</c> in config property descriptions and string defaults (recursively through object
/// properties), then the downgrade of anything but 2.0/3.0 to <c>packagingVersion</c> 3.0 without
/// <c>upgradesFrom</c>/<c>downgradesTo</c> (<c>manager</c> stays). Works on a copy.
/// </summary>
public static class LegacyTransform
{
    /// <summary>A transformed deep copy of <paramref name="entry"/>.</summary>
    public static JsonObject Apply(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var copy = entry.DeepClone().AsObject();
        if (copy["config"] is JsonObject config && config["properties"] is JsonObject properties)
        {
            EscapeProperties(properties);
        }

        var packagingVersion = copy["packagingVersion"] is JsonValue pv && pv.TryGetValue(out string? p) ? p : null;
        if (packagingVersion is not ("2.0" or "3.0"))
        {
            copy.Remove("upgradesFrom");
            copy.Remove("downgradesTo");
            copy["packagingVersion"] = "3.0";
        }

        return copy;
    }

    /// <summary>Whether <see cref="Apply"/> changes <paramref name="entry"/> at all (most 2.0/3.0 entries stay the same).</summary>
    public static bool Changes(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var packagingVersion = entry["packagingVersion"] is JsonValue pv && pv.TryGetValue(out string? p) ? p : null;
        return packagingVersion is not ("2.0" or "3.0")
            || (entry["config"] is JsonObject config && config["properties"] is JsonObject properties && NeedsEscaping(properties));
    }

    /// <summary>
    /// The upstream escape: every <c>"</c> preceded by a character other than a backslash gets a backslash in front;
    /// matches do not overlap (in <c>a""</c> only the first quote is escaped), and a leading quote is left alone.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf('"', 1 < text.Length ? 1 : text.Length) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            if (i + 1 < text.Length && text[i] != '\\' && text[i + 1] == '"')
            {
                builder.Append(text[i]).Append("\\\"");
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    private static void EscapeProperties(JsonObject properties)
    {
        foreach (var (_, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            if (property["description"] is JsonValue description && description.TryGetValue(out string? text))
            {
                property["description"] = Escape(text);
            }

            var type = property["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
            if (type == "string" && property["default"] is JsonValue value && value.TryGetValue(out string? defaultText))
            {
                property["default"] = Escape(defaultText);
            }
            else if (type == "object" && property["properties"] is JsonObject nested)
            {
                EscapeProperties(nested);
            }
        }
    }

    private static bool NeedsEscaping(JsonObject properties)
    {
        foreach (var (_, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            if (property["description"] is JsonValue description && description.TryGetValue(out string? text) && Escape(text) != text)
            {
                return true;
            }

            var type = property["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
            if (type == "string" && property["default"] is JsonValue value && value.TryGetValue(out string? defaultText) && Escape(defaultText) != defaultText)
            {
                return true;
            }

            if (type == "object" && property["properties"] is JsonObject nested && NeedsEscaping(nested))
            {
                return true;
            }
        }

        return false;
    }
}
