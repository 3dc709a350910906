using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Catalog;

/// <summary>
/// Finds one package revision by name and optional version, with Cosmos's default-version rule (lowest
/// repository index, then highest releaseVersion). Throws CosmosException with PackageNotFound or
/// VersionNotFound.
/// </summary>
public interface IPackageResolver
{
    Task<PackageDefinition> ResolveAsync(string packageName, string? packageVersion, CancellationToken cancellationToken);
}
