using System.Text;

namespace Universe.Cosmos.Catalog;

/// <summary>
/// Every search entry's name, description and tags in one string (fields separated by NUL), so that a substring
/// query is one vectorised <see cref="string.IndexOf(string, int, StringComparison)"/> pass over the whole catalog
/// instead of one per field. A hit maps back to its entry by binary search over the entry start offsets.
/// </summary>
internal sealed class SearchText
{
    private const char Separator = '\0';
    private readonly string _text;
    private readonly int[] _starts;

    public SearchText(IReadOnlyList<SearchEntry> entries, bool lowerCase)
    {
        var text = new StringBuilder();
        _starts = new int[entries.Count + 1];
        for (var i = 0; i < entries.Count; i++)
        {
            _starts[i] = text.Length;
            var entry = entries[i];
            text.Append(Separator).Append(entry.Name).Append(Separator).Append(entry.Description);
            foreach (var tag in entry.Tags)
            {
                text.Append(Separator).Append(tag);
            }
        }

        _starts[entries.Count] = text.Length;
        _text = lowerCase ? text.ToString().ToLowerInvariant() : text.ToString();
    }

    /// <summary>Whether <paramref name="literal"/> can be searched here (it must not contain the separator).</summary>
    public static bool CanSearch(string literal) => !literal.Contains(Separator, StringComparison.Ordinal);

    /// <summary>Indexes of the entries one of whose fields contains <paramref name="literal"/> (ordinal), ascending.</summary>
    public List<int> Find(string literal)
    {
        var hits = new List<int>();
        var position = 0;
        while (position < _text.Length)
        {
            var found = _text.IndexOf(literal, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            var entry = Array.BinarySearch(_starts, found);
            entry = entry >= 0 ? entry : ~entry - 1;
            hits.Add(entry);
            position = _starts[entry + 1];
        }

        return hits;
    }
}
