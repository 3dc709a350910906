using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Universe.Cli.Wire;

/// <summary>One package in a search response. Unknown fields are kept in <see cref="Extra"/> so <c>--json</c> prints them.</summary>
public sealed record SearchResult
{
    public required string Name { get; init; }

    public required string CurrentVersion { get; init; }

    public IReadOnlyDictionary<string, long>? Versions { get; init; }

    public string? Description { get; init; }

    public bool Framework { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? Selected { get; init; }

    public JsonObject? Images { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
