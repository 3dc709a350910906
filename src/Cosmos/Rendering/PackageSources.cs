using System.Runtime.CompilerServices;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Rendering;

/// <summary>Which repository a resolved package came from (<c>DCOS_PACKAGE_SOURCE</c>), indexed once per catalog snapshot.</summary>
public static class PackageSources
{
    private static readonly ConditionalWeakTable<CatalogSnapshot, Index> Indexes = [];

    /// <summary>
    /// The URI of the repository holding <paramref name="package"/> (the same instance, else the first repository in
    /// priority order with the same name and version); empty when none does.
    /// </summary>
    public static string Find(CatalogSnapshot snapshot, PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(package);
        var index = Indexes.GetValue(snapshot, Build);
        return index.ByInstance.TryGetValue(package, out var uri) ? uri
            : index.ByCoordinate.TryGetValue(package.Coordinate, out uri) ? uri
            : string.Empty;
    }

    private static Index Build(CatalogSnapshot snapshot)
    {
        var byInstance = new Dictionary<PackageDefinition, string>(ReferenceEqualityComparer.Instance);
        var byCoordinate = new Dictionary<PackageCoordinate, string>();
        foreach (var repository in snapshot.Repositories.OrderBy(r => r.Index))
        {
            foreach (var package in repository.Packages)
            {
                byInstance.TryAdd(package, repository.Uri);
                byCoordinate.TryAdd(package.Coordinate, repository.Uri);
            }
        }

        return new Index(byInstance, byCoordinate);
    }

    private sealed record Index(Dictionary<PackageDefinition, string> ByInstance, Dictionary<PackageCoordinate, string> ByCoordinate);
}
