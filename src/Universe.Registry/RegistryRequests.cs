using System.Net.Http.Headers;

namespace Universe.Registry;

/// <summary>The Registry API v2 requests and names the client builds: pull scopes, manifest requests, references, pagination links.</summary>
internal static class RegistryRequests
{
    /// <summary>The token scope for pulling from the image's repository.</summary>
    public static string Scope(ImageReference image) => $"repository:{image.Repository}:pull";

    /// <summary>How errors name a manifest: <c>Manifest repo:tag on host</c> or <c>repo@digest</c>.</summary>
    public static string Describe(RegistryEndpoint endpoint, ImageReference image, string reference) =>
        $"Manifest {image.Repository}{(reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":")}{reference} on {endpoint.Authority}";

    /// <summary>A tag or a sha256 digest, else <see cref="FormatException"/> (nothing else goes into a request path).</summary>
    public static string CheckReference(string reference)
    {
        if (!ContentDigest.IsValid(reference) && !(reference.Length is > 0 and <= 128 && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')))
        {
            throw new FormatException("Invalid manifest reference: expected a tag or a sha256 digest");
        }

        return reference;
    }

    /// <summary>A manifest request accepting every manifest and index type this client understands.</summary>
    public static HttpRequestMessage ManifestRequest(HttpMethod method, Uri baseUri, ImageReference image, string reference)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUri, $"/v2/{image.Repository}/manifests/{reference}"));
        foreach (var type in MediaTypes.ManifestAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    /// <summary>The next page of a paginated list (<c>Link: &lt;/v2/…&gt;; rel="next"</c>), only when it stays under <c>/v2/</c>.</summary>
    public static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links)
        {
            var start = link.IndexOf('<', StringComparison.Ordinal);
            var end = link.IndexOf('>', StringComparison.Ordinal);
            if (start >= 0 && end > start && link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                var target = link[(start + 1)..end];
                if (target.StartsWith("/v2/", StringComparison.Ordinal) && !target.Contains("..", StringComparison.Ordinal))
                {
                    return target;
                }
            }
        }

        return null;
    }
}
