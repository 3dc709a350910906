using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon.Errors;

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
        var normalized = Normalize(appId);
        var segments = normalized[1..].Split('/');
        if (normalized.Length == 1 || segments.Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new CosmosException(new InvalidAppId(appId));
        }

        return "v2/apps/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
