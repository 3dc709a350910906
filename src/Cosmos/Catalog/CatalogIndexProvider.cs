using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Catalog;

/// <summary>The <see cref="CatalogIndex"/> of the catalog's current snapshot, rebuilt when its generation changes.</summary>
public sealed class CatalogIndexProvider(IPackageCatalog catalog)
{
    private CatalogIndex? _index;

    public async ValueTask<CatalogIndex> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        return For(snapshot);
    }

    /// <summary>The index of <paramref name="snapshot"/>, built at most once per generation.</summary>
    public CatalogIndex For(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var current = Volatile.Read(ref _index);
        if (current is not null && (ReferenceEquals(current.Snapshot, snapshot) || current.Generation == snapshot.Generation))
        {
            return current;
        }

        var built = new CatalogIndex(snapshot);
        if (current is null || current.Generation <= built.Generation)
        {
            Interlocked.CompareExchange(ref _index, built, current);
        }

        return built;
    }
}
