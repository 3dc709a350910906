namespace Universe.Cosmos.Repositories;

/// <summary><c>package.repository.delete-request</c>: <c>{"name"?, "uri"?}</c>.</summary>
public sealed record RepositoryDeleteRequest(string? Name = null, string? Uri = null);
