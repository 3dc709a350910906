using System.Text.Json.Serialization;

namespace Universe.Cli.Wire;

/// <summary>One package in a search response. Unknown fields are kept in <see cref="Extra"/> so <c>--json</c> prints them.</summary>
public sealed record SearchResult(
    string Name,
    string CurrentVersion,
    IReadOnlyDictionary<string, long>? Versions,
    string? Description,
    bool Framework,
    IReadOnlyList<string>? Tags,
    bool? Selected,
    IReadOnlyDictionary<string, string>? Images)
{
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; init; }
}
