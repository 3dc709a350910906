using System.Text.Json.Serialization;

namespace Universe.Cosmos.Repositories;

/// <summary>The body of repository/list, add and delete responses: the whole list in priority order.</summary>
public sealed record RepositoryListResponse([property: JsonPropertyName("repositories")] IReadOnlyList<RepositoryListEntry> Repositories);
