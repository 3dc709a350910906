using System.Collections.Concurrent;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Catalog;

/// <summary>
/// One catalog snapshot merged as Cosmos's <c>PackageCollection</c> does (cosmos-api.md §7.4): a coordinate
/// present in several repositories is kept from the lowest index (then the highest releaseVersion); entries sorted
/// by name, repository index, releaseVersion descending. Built once per snapshot generation; also holds the
/// search entries and a small cache of serialised search responses.
/// </summary>
public sealed class CatalogIndex
{
    private const int MaxCachedResponses = 1024;
    private const long MaxCachedBytes = 64L * 1024 * 1024;
    private long _cachedBytes;
    private readonly Dictionary<string, IndexedPackage[]> _byName;

    public CatalogIndex(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        Packages = Merge(snapshot);
        _byName = Packages
            .GroupBy(p => p.Package.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        SearchEntries = [.. _byName.Values
            .Select(SearchEntry.Create)
            .OrderBy(e => e.Selected == true ? 0 : 1)
            .ThenBy(e => e.Name, StringComparer.Ordinal)];
        LowerText = new SearchText(SearchEntries, lowerCase: true);
        ExactText = new SearchText(SearchEntries, lowerCase: false);
    }

    public CatalogSnapshot Snapshot { get; }

    public long Generation => Snapshot.Generation;

    /// <summary>Every merged revision, in Cosmos's order.</summary>
    public IReadOnlyList<IndexedPackage> Packages { get; }

    /// <summary>One entry per package name, ordered as search answers (selected first, then name by code point).</summary>
    public IReadOnlyList<SearchEntry> SearchEntries { get; }

    internal SearchText LowerText { get; }

    internal SearchText ExactText { get; }

    /// <summary>Serialised search responses of this generation, keyed by query and proxy base URI.</summary>
    internal ConcurrentDictionary<(string Query, string BaseUri), byte[]> SearchResponses { get; } = new();

    /// <summary>Caches a serialised search response unless the cache is full (1024 responses or 64 MiB per generation).</summary>
    internal void CacheSearchResponse((string Query, string BaseUri) key, byte[] response)
    {
        if (SearchResponses.Count >= MaxCachedResponses || Interlocked.Add(ref _cachedBytes, response.Length) > MaxCachedBytes)
        {
            return;
        }

        SearchResponses.TryAdd(key, response);
    }

    /// <summary>The merged revisions of one package name (default first), or an empty list.</summary>
    public IReadOnlyList<IndexedPackage> Versions(string name) =>
        _byName.TryGetValue(name, out var versions) ? versions : [];

    private static IndexedPackage[] Merge(CatalogSnapshot snapshot) =>
        [.. snapshot.Repositories
            .SelectMany(r => r.Packages.Select(p => new IndexedPackage(p, r.Index)))
            .GroupBy(p => (p.Package.Name, p.Package.Version))
            .Select(g => g.OrderBy(p => p.RepositoryIndex).ThenByDescending(p => p.Package.ReleaseVersion).First())
            .OrderBy(p => p.Package.Name, StringComparer.Ordinal)
            .ThenBy(p => p.RepositoryIndex)
            .ThenByDescending(p => p.Package.ReleaseVersion)];
}

/// <summary>A merged revision and the index of the repository it comes from.</summary>
public sealed record IndexedPackage(PackageDefinition Package, int RepositoryIndex);
