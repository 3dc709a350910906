using System.Text.Json.Serialization;

namespace Universe.Cosmos.Repositories;

/// <summary>One entry of a repository list response: Cosmos's <c>name</c> and <c>uri</c>, plus our <c>status</c>.</summary>
public sealed record RepositoryListEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("status")] RepositoryStatus Status);
