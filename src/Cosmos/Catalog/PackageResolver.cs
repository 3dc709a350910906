using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Catalog;

/// <summary>
/// <see cref="IPackageResolver"/> over the merged catalog: without a version, the first merged revision of the
/// name (lowest repository index, then highest releaseVersion); with one, the first exact match.
/// </summary>
public sealed class PackageResolver(CatalogIndexProvider indexes) : IPackageResolver
{
    public async Task<PackageDefinition> ResolveAsync(string packageName, string? packageVersion, CancellationToken cancellationToken)
    {
        var index = await indexes.GetAsync(cancellationToken);
        return Resolve(index, packageName, packageVersion);
    }

    internal static PackageDefinition Resolve(CatalogIndex index, string packageName, string? packageVersion)
    {
        var versions = index.Versions(packageName);
        if (versions.Count == 0)
        {
            throw new CosmosException(new PackageNotFound(packageName));
        }

        if (packageVersion is null)
        {
            return versions[0].Package;
        }

        foreach (var candidate in versions)
        {
            if (candidate.Package.Version == packageVersion)
            {
                return candidate.Package;
            }
        }

        throw new CosmosException(new VersionNotFound(packageName, packageVersion));
    }
}
