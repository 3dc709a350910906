namespace Universe.Cosmos.Repositories;

/// <summary><c>package.repository.add-request</c>: <c>{"name", "uri", "index"?}</c>.</summary>
public sealed record RepositoryAddRequest(string? Name, string? Uri, int? Index = null);
