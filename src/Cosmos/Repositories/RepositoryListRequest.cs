namespace Universe.Cosmos.Repositories;

/// <summary><c>package.repository.list-request</c>: <c>{}</c>.</summary>
public sealed record RepositoryListRequest;
