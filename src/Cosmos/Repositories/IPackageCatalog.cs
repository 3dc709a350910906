using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// The merged view of every configured repository: an immutable snapshot, replaced atomically when a
/// repository is added, deleted or refreshed. A broken repository is present with no packages (its error
/// shows in repository/list), so it never breaks the others.
/// </summary>
public interface IPackageCatalog
{
    /// <summary>The current snapshot (after the first load; before it, the repositories loaded so far).</summary>
    CatalogSnapshot Current { get; }

    /// <summary>The snapshot once every repository has been loaded at least once (or has failed).</summary>
    Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken);
}

/// <summary>All repositories in priority order (index 0 first). <see cref="Generation"/> changes with every new snapshot.</summary>
public sealed record CatalogSnapshot(IReadOnlyList<RepositoryPackages> Repositories, long Generation);

/// <summary>One repository's packages, each revision as a <see cref="PackageDefinition"/>.</summary>
public sealed record RepositoryPackages(int Index, string Name, string Uri, IReadOnlyList<PackageDefinition> Packages);
