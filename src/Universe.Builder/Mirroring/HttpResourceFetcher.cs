using System.Net;
using Universe.Builder.Bundles;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Fetches one HTTP resource into the bundle's blob store through the shared download path
/// (<see cref="BlobDownloader.FetchAsync"/>: streamed, hashed while written, verified before it is published, retries
/// with back-off on 5xx, 408, 429, resets and stalls, <c>Range</c> resume guarded by <c>If-Range</c>, also across runs).
/// A re-mirror sends a conditional request (<c>If-None-Match</c> / <c>If-Modified-Since</c>) and downloads nothing on
/// 304; a resource whose declared sha256 is already stored needs no request at all. A declared sha256 that does not
/// match is an error and nothing is stored. This class only maps the outcome to the bundle's terms.
/// </summary>
public sealed class HttpResourceFetcher(HttpClient http, BlobStore store, RetryPolicy policy)
{
    public async Task<ResourceFetchResult> FetchAsync(PlannedResource resource, ResourceEntry? previous, Action<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(progress);
        var url = resource.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return ResourceFetchResult.Failed(url, FailureCause.InvalidReference, "not an absolute http(s) URL");
        }

        var expected = resource.Sha256 is null ? null : ContentDigest.Sha256Prefix + resource.Sha256.ToLowerInvariant();
        if (resource.ConflictingSha256.Count > 0)
        {
            return ResourceFetchResult.Failed(url, FailureCause.DigestMismatch,
                $"packages declare different sha256 values for this URL ({resource.Sha256!.ToLowerInvariant()}, and {string.Join(", ", resource.ConflictingSha256)}); nothing is fetched until they agree");
        }

        var current = previous is not null && ContentDigest.IsValid(previous.Digest) && store.Has(previous.Digest) ? previous : null;
        if (current is not null && expected is not null && current.Digest == expected)
        {
            return ResourceFetchResult.Unchanged(url, current);
        }

        // A declared sha256 other than the stored copy's: the URL must prove it now serves that content, so no
        // conditional request (a 304 would vouch for the old bytes).
        var conditional = expected is null ? current : null;

        try
        {
            var result = await BlobDownloader.FetchAsync(
                http,
                new BlobDownloadRequest
                {
                    Url = uri,
                    ExpectedDigest = expected,
                    IfNoneMatch = conditional?.ETag,
                    IfModifiedSince = conditional?.LastModified,
                    ReuseStored = false, // the URL must prove it serves the declared content (a wrong one is reported)
                },
                store,
                progress,
                policy,
                cancellationToken);
            if (result.NotModified)
            {
                return ResourceFetchResult.Unchanged(url, current!);
            }

            var digest = result.Digest!;
            // With ReuseStored off, a result that is not a 304 always carries a response (Downloaded).
            var entry = new ResourceEntry(digest, result.Size, result.MediaType, result.ETag, result.LastModified);
            return current is not null && current.Digest == digest
                ? ResourceFetchResult.Unchanged(url, entry)
                : ResourceFetchResult.Fetched(url, entry);
        }
        catch (RegistryException e)
        {
            var (cause, detail) = e.Kind switch
            {
                RegistryErrorKind.DigestMismatch => (FailureCause.DigestMismatch, $"declared {expected}: {e.Message}"),
                RegistryErrorKind.ProxyAuthenticationRequired when e.InnerException is ProxyAuthenticationUnanswerableException u =>
                    (FailureCause.ProxyRefused, TransferCause.Describe(u)),
                RegistryErrorKind.ProxyAuthenticationRequired => (FailureCause.ProxyRefused, TransferCause.Describe(HttpStatusCode.ProxyAuthenticationRequired, null)),
                RegistryErrorKind.Network when e.InnerException is OperationCanceledException or TimeoutException =>
                    (FailureCause.Timeout, $"no data for {policy.ReadIdleTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (after {policy.MaxRetries + 1} attempts)"),
                RegistryErrorKind.Network when e.InnerException is HttpRequestException h => (TransferCause.Classify(h), TransferCause.Describe(h)),
                RegistryErrorKind.Network or RegistryErrorKind.InsecureRefused => (FailureCause.Network, e.Message),
                _ when e.StatusCode is { } status => (FailureCause.HttpStatus, TransferCause.Describe(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase((int)status))),
                _ => (FailureCause.HttpStatus, e.Message),
            };
            return ResourceFetchResult.Failed(url, cause, Redaction.Text(detail));
        }
    }
}
