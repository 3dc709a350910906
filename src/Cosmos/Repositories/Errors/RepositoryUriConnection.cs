using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository could not be reached (data: <c>repository{name,uri}</c>, <c>cause</c>).</summary>
public sealed record RepositoryUriConnection(PackageRepository Repository, string Cause)
    : CosmosError($"Could not access data at URI for repository [{Repository?.Name}]: {Repository?.Uri}");
