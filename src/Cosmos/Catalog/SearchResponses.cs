using Universe.Cosmos.Http;

namespace Universe.Cosmos.Catalog;

/// <summary>Builds search responses, serialised once per (generation, query, proxy base URI).</summary>
internal static class SearchResponses
{
    public static byte[] Get(CatalogIndex index, string? query, string baseUri)
    {
        var key = (query ?? string.Empty, baseUri);
        if (index.SearchResponses.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var bytes = CosmosJson.SerializeToUtf8Bytes(Build(PackageSearch.Search(index, query), baseUri));
        index.CacheSearchResponse(key, bytes);
        return bytes;
    }

    public static SearchResponse Build(IReadOnlyList<SearchEntry> entries, string baseUri) =>
        new([.. entries.Select(e => new SearchResult(
            e.Name,
            e.CurrentVersion,
            e.Versions.DistinctBy(v => v.Key).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            e.Description,
            e.Framework,
            e.Tags,
            e.Selected,
            ResourceUrls.RewriteImages(e.Images, baseUri)))]);
}
