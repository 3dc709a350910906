using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository URI cannot be parsed (data: <c>repository{name,uri}</c>, <c>cause</c>).</summary>
public sealed record RepositoryUriSyntax(PackageRepository Repository, string Cause)
    : CosmosError($"URI for repository [{Repository?.Name}] has invalid syntax: {Repository?.Uri}");
