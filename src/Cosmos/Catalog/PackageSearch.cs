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

        var results = new List<SearchEntry>();
        if (query.Contains('*', StringComparison.Ordinal))
        {
            var parts = query.Split('*');
            foreach (var entry in index.SearchEntries)
            {
                if (WildcardMatches(entry.Name, parts) || WildcardMatches(entry.Description, parts) || AnyWildcard(entry.Tags, parts))
                {
                    results.Add(entry);
                }
            }
        }
        else
        {
            var lower = query.ToLowerInvariant();
            foreach (var entry in index.SearchEntries)
            {
                if (entry.NameLower.Contains(lower, StringComparison.Ordinal)
                    || entry.DescriptionLower.Contains(lower, StringComparison.Ordinal)
                    || AnyContains(entry.TagsLower, lower))
                {
                    results.Add(entry);
                }
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
