using System.Diagnostics.CodeAnalysis;

namespace Universe.Cosmos.Http;

/// <summary>
/// Cosmos's <c>Accept</c> handling (cosmos-api.md §1.3): split on commas, back-fill parameters from the right,
/// de-duplicate, then pick the most appropriate entry and look it up by exact equality.
/// </summary>
public static class AcceptHeader
{
    /// <summary>Parses a whole Accept value (all header lines joined by commas); false when an entry does not parse.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out IReadOnlyList<MediaType>? mediaTypes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parsed = new List<MediaType>();
        foreach (var item in value.Split(','))
        {
            if (string.IsNullOrWhiteSpace(item))
            {
                continue;
            }

            if (!MediaType.TryParse(item, out var mediaType))
            {
                mediaTypes = null;
                return false;
            }

            parsed.Add(mediaType);
        }

        IReadOnlyList<KeyValuePair<string, string>> inherited = [];
        for (var i = parsed.Count - 1; i >= 0; i--)
        {
            if (parsed[i].Parameters.Count == 0)
            {
                parsed[i] = parsed[i].WithParameters(inherited);
            }
            else
            {
                inherited = parsed[i].Parameters;
            }
        }

        mediaTypes = [.. parsed.Distinct()];
        return true;
    }

    /// <summary>
    /// Cosmos's <c>getMostAppropriateMediaType</c>: drop q=0, order by q descending, then type, subtype and
    /// suffix, then the number of parameters descending; strip q; keep the entries compatible with an offered
    /// type; the first survivor must equal an offered type exactly (there is no fallback to the next).
    /// </summary>
    public static MediaType? Select(IReadOnlyList<MediaType> accepted, IReadOnlyList<MediaType> offered)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(offered);
        var first = accepted
            .Where(m => m.Quality != 0)
            .OrderByDescending(m => m.Quality)
            .ThenBy(m => m.Type, StringComparer.Ordinal)
            .ThenBy(m => m.Subtype, StringComparer.Ordinal)
            .ThenBy(m => m.Suffix, StringComparer.Ordinal)
            .ThenByDescending(m => m.Parameters.Count(p => p.Key != "q"))
            .Select(m => m.WithoutQuality())
            .FirstOrDefault(m => offered.Any(o => MediaType.Compatible(m, o)));
        return first is null ? null : offered.FirstOrDefault(o => o.Equals(first));
    }
}
