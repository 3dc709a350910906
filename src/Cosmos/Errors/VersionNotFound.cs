namespace Universe.Cosmos.Errors;

/// <summary>400: the package exists, but not in that version (exact string match).</summary>
public sealed record VersionNotFound(string PackageName, string PackageVersion)
    : CosmosError($"Version [{PackageVersion}] of package [{PackageName}] not found");
