using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services;

/// <summary>
/// The URL fields of a package <c>resource</c> (cosmos-api.md §10): <c>assets.uris.*</c>,
/// <c>images.{icon-small,icon-medium,icon-large,screenshots[]}</c> and <c>cli.binaries.*.x86-64.url</c>. Pure.
/// </summary>
public static class ResourceUrls
{
    private static readonly string[] IconKeys = ["icon-small", "icon-medium", "icon-large"];

    /// <summary>Every URL the resource lists.</summary>
    public static IEnumerable<string> Enumerate(JsonObject? resource)
    {
        var urls = new List<string>();
        Visit(resource, url =>
        {
            urls.Add(url);
            return url;
        });
        return urls;
    }

    /// <summary>
    /// A copy of <paramref name="resource"/> with every URL replaced by <c>{proxyPrefix}{escaped url}</c>, where
    /// <paramref name="proxyPrefix"/> is e.g. <c>http://host/package/resource?url=</c>. The URL is percent-encoded
    /// (the proxy accepts both forms), so <c>&amp;</c>, <c>#</c> and <c>+</c> survive.
    /// </summary>
    public static JsonObject Rewrite(JsonObject resource, string proxyPrefix)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var copy = (JsonObject)resource.DeepClone();
        Visit(copy, url => proxyPrefix + Uri.EscapeDataString(url));
        return copy;
    }

    /// <summary><c>{scheme}://{Host}/package/resource?url=</c> for a request (scheme from <c>X-Forwarded-Proto</c> when given).</summary>
    public static string ProxyPrefix(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forwarded = request.Headers["X-Forwarded-Proto"].ToString();
        var scheme = forwarded is "http" or "https" ? forwarded : request.Scheme;
        return $"{scheme}://{request.Host}{request.PathBase}/package/resource?url=";
    }

    private static void Visit(JsonObject? resource, Func<string, string> map)
    {
        if (resource is null)
        {
            return;
        }

        if (resource["assets"]?["uris"] is JsonObject uris)
        {
            MapValues(uris, [.. uris.Select(p => p.Key)], map);
        }

        if (resource["images"] is JsonObject images)
        {
            MapValues(images, IconKeys, map);
            if (images["screenshots"] is JsonArray screenshots)
            {
                for (var i = 0; i < screenshots.Count; i++)
                {
                    if (screenshots[i] is JsonValue v && v.TryGetValue(out string? url))
                    {
                        screenshots[i] = map(url);
                    }
                }
            }
        }

        if (resource["cli"]?["binaries"] is JsonObject binaries)
        {
            foreach (var (_, platform) in binaries)
            {
                if (platform?["x86-64"] is JsonObject binary)
                {
                    MapValues(binary, ["url"], map);
                }
            }
        }
    }

    private static void MapValues(JsonObject target, IEnumerable<string> keys, Func<string, string> map)
    {
        foreach (var key in keys)
        {
            if (target[key] is JsonValue v && v.TryGetValue(out string? url))
            {
                target[key] = map(url);
            }
        }
    }
}
