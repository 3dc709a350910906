using System.Text.Json.Nodes;

namespace Universe.Cosmos.Http;

/// <summary>
/// The URL rewriting of cosmos-api.md §10: resource URLs are served through
/// <c>{scheme}://{Host}/package/resource?url={original, percent-encoded}</c> (scheme: X-Forwarded-Proto, else the
/// request's). Unlike DC/OS Cosmos the URL is percent-encoded, so <c>&amp;</c>, <c>#</c> and <c>+</c> survive; the
/// resource proxy accepts both forms.
/// Rewritten: <c>assets.uris.*</c>, <c>images.{icon-small,icon-medium,icon-large,screenshots[]}</c>,
/// <c>cli.binaries.{linux,darwin,windows}.x86-64.url</c>. Docker images and values that are not absolute URIs stay.
/// </summary>
public static class ResourceUrls
{
    private static readonly string[] IconKeys = ["icon-small", "icon-medium", "icon-large"];
    private static readonly string[] Platforms = ["linux", "darwin", "windows"];

    /// <summary><c>{scheme}://{Host}</c> of the request, the prefix of proxy URLs.</summary>
    public static string BaseUri(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{ForwardedProto.Scheme(request)}://{request.Host}{request.PathBase}";
    }

    /// <summary>The proxy URL of <paramref name="url"/>, or the value unchanged when it is not an absolute URI.</summary>
    public static string Proxy(string baseUri, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out _) ? $"{baseUri}/package/resource?url={Uri.EscapeDataString(url)}" : url;

    /// <summary>A rewritten deep copy of a <c>resource</c> object (null stays null).</summary>
    public static JsonObject? RewriteResource(JsonObject? resource, string baseUri)
    {
        if (resource?.DeepClone() is not JsonObject copy)
        {
            return null;
        }

        if (copy["assets"]?["uris"] is JsonObject uris)
        {
            foreach (var key in uris.Select(p => p.Key).ToList())
            {
                RewriteValue(uris, key, baseUri);
            }
        }

        if (copy["images"] is JsonObject images)
        {
            RewriteImagesInPlace(images, baseUri);
        }

        if (copy["cli"]?["binaries"] is JsonObject binaries)
        {
            foreach (var platform in Platforms)
            {
                if (binaries[platform]?["x86-64"] is JsonObject binary)
                {
                    RewriteValue(binary, "url", baseUri);
                }
            }
        }

        return copy;
    }

    /// <summary>A rewritten deep copy of an <c>images</c> object (null stays null).</summary>
    public static JsonObject? RewriteImages(JsonObject? images, string baseUri)
    {
        if (images?.DeepClone() is not JsonObject copy)
        {
            return null;
        }

        RewriteImagesInPlace(copy, baseUri);
        return copy;
    }

    private static void RewriteImagesInPlace(JsonObject images, string baseUri)
    {
        foreach (var key in IconKeys)
        {
            RewriteValue(images, key, baseUri);
        }

        if (images["screenshots"] is JsonArray screenshots)
        {
            for (var i = 0; i < screenshots.Count; i++)
            {
                if (screenshots[i] is JsonValue value && value.TryGetValue(out string? url))
                {
                    screenshots[i] = Proxy(baseUri, url);
                }
            }
        }
    }

    private static void RewriteValue(JsonObject owner, string key, string baseUri)
    {
        if (owner[key] is JsonValue value && value.TryGetValue(out string? url))
        {
            owner[key] = Proxy(baseUri, url);
        }
    }
}
