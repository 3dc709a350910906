using System.Text.Json.Nodes;

namespace Universe.Cosmos.Marathon;

/// <summary>An app as Marathon returns it. <see cref="Json"/> is the whole (normalised) app; the typed members read from it.</summary>
public sealed class MarathonApp
{
    public MarathonApp(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
        Id = AppIds.Normalize(json["id"] is JsonValue v && v.TryGetValue(out string? id) ? id : string.Empty);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json["labels"] is JsonObject labelObject)
        {
            foreach (var (key, value) in labelObject)
            {
                if (value is JsonValue lv && lv.TryGetValue(out string? s))
                {
                    labels[key] = s;
                }
            }
        }

        Labels = labels;
    }

    /// <summary>The app id, starting with <c>/</c>.</summary>
    public string Id { get; }

    /// <summary>The string labels of the app.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The app as returned by Marathon. Treat as read-only (clone before changing).</summary>
    public JsonObject Json { get; }

    /// <summary>A label's value, or null.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
