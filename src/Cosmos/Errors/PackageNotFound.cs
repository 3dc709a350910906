namespace Universe.Cosmos.Errors;

/// <summary>400: no repository has a package of that name.</summary>
public sealed record PackageNotFound(string PackageName) : CosmosError($"Package [{PackageName}] not found");
