using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>Typed reads of JSON values Marathon returns (null when absent or of another kind). Pure.</summary>
internal static class JsonRead
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : null;
}
