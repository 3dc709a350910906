using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon.Errors;
using Universe.Marathon;

namespace Universe.Cosmos.Marathon;

/// <summary>Marathon app ids: normalisation and the URL path they map to.</summary>
public static class AppIds
{
    /// <summary>Adds the leading <c>/</c> Cosmos prints (and trims a trailing one).</summary>
    public static string Normalize(string appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        var trimmed = appId.Trim().Trim('/');
        return "/" + trimmed;
    }

    /// <summary>
    /// The relative URL path <c>v2/apps/a/b</c> for <paramref name="appId"/>, each segment escaped. Refuses ids with
    /// empty, <c>.</c> or <c>..</c> segments (they would address another resource) with <see cref="InvalidAppId"/>.
    /// </summary>
    public static string ToPath(string appId)
    {
        var normalized = Validate(appId);
        var segments = normalized[1..].Split('/');
        return "v2/apps/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>
    /// The normalised <paramref name="appId"/> when it follows Marathon's id rules (segment syntax, segment and total
    /// length, no <c>.</c>/<c>..</c>/empty segments, no reserved last segment); <see cref="InvalidAppId"/> (400) otherwise,
    /// which quotes at most the first 64 characters of the id.
    /// </summary>
    public static string Validate(string appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        var normalized = Normalize(appId);
        var segments = normalized[1..].Split('/');
        if (normalized.Length == 1 || segments.Any(s => s.Length == 0 || s is "." or "..")
            || MarathonIds.Validate(normalized) is not null)
        {
            throw new CosmosException(new InvalidAppId(appId.Length > 64 ? appId[..64] + "…" : appId));
        }

        return normalized;
    }
}
