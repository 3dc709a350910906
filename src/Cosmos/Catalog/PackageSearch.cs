namespace Universe.Cosmos.Catalog;

/// <summary>
/// Cosmos's search predicate (cosmos-api.md §8). No query: everything. A query with <c>*</c>: an anchored,
/// case-sensitive wildcard over the whole name, the whole description or any whole tag. Otherwise: a
/// case-insensitive substring of the name, the description or any tag. Order: as <see cref="CatalogIndex.SearchEntries"/>.
/// </summary>
public static class PackageSearch
{
    public static IReadOnlyList<SearchEntry> Search(CatalogIndex index, string? query)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (string.IsNullOrEmpty(query))
        {
            return index.SearchEntries;
        }

        if (!query.Contains('*', StringComparison.Ordinal))
        {
            var lower = query.ToLowerInvariant();
            return SearchText.CanSearch(lower)
                ? Pick(index, index.LowerText.Find(lower))
                : Filter(index, e => e.NameLower.Contains(lower, StringComparison.Ordinal) || e.DescriptionLower.Contains(lower, StringComparison.Ordinal) || AnyContains(e.TagsLower, lower));
        }

        var parts = query.Split('*');
        var literals = parts.Where(p => p.Length > 0).ToArray();
        if (parts[0].Length == 0 && parts[^1].Length == 0 && literals.Length == 1 && SearchText.CanSearch(literals[0]))
        {
            return Pick(index, index.ExactText.Find(literals[0]));
        }

        return Filter(index, e => WildcardMatches(e.Name, parts) || WildcardMatches(e.Description, parts) || AnyWildcard(e.Tags, parts));
    }

    private static List<SearchEntry> Pick(CatalogIndex index, List<int> positions)
    {
        var results = new List<SearchEntry>(positions.Count);
        foreach (var position in positions)
        {
            results.Add(index.SearchEntries[position]);
        }

        return results;
    }

    private static List<SearchEntry> Filter(CatalogIndex index, Func<SearchEntry, bool> predicate)
    {
        var results = new List<SearchEntry>();
        foreach (var entry in index.SearchEntries)
        {
            if (predicate(entry))
            {
                results.Add(entry);
            }
        }

        return results;
    }

    /// <summary>
    /// Whether <paramref name="text"/> matches <c>^part0.*part1.*…partN$</c> (the parts of a query split at
    /// <c>*</c>, matched literally and case-sensitively).
    /// </summary>
    public static bool WildcardMatches(string text, IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parts);
        var first = parts[0];
        var last = parts[^1];
        if (parts.Count == 1)
        {
            return string.Equals(text, first, StringComparison.Ordinal);
        }

        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var position = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < parts.Count - 1; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                continue;
            }

            var found = text.IndexOf(part, position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return true;
    }

    private static bool AnyWildcard(IReadOnlyList<string> tags, string[] parts)
    {
        foreach (var tag in tags)
        {
            if (WildcardMatches(tag, parts))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyContains(string[] tags, string lower)
    {
        foreach (var tag in tags)
        {
            if (tag.Contains(lower, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
