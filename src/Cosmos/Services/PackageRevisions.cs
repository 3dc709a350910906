using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Services;

/// <summary>All revisions of one package across the merged catalog. Pure.</summary>
public static class PackageRevisions
{
    /// <summary>Every revision named <paramref name="packageName"/>, repositories in priority order, each newest release first.</summary>
    public static IReadOnlyList<PackageDefinition> Of(CatalogSnapshot snapshot, string packageName)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Repositories
            .OrderBy(r => r.Index)
            .SelectMany(r => r.Packages.Where(p => p.Name == packageName).OrderByDescending(p => p.ReleaseVersion))];
    }
}
