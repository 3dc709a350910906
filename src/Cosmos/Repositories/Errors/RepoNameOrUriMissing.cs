using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>repository/delete (or add) without a name or URI.</summary>
public sealed record RepoNameOrUriMissing() : CosmosError("Must specify either the name or URI of the repository");
