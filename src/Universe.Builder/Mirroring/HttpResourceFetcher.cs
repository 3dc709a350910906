using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Universe.Builder.Bundles;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Fetches one HTTP resource into the bundle's blob store (the shared <see cref="BlobStore"/>: streamed, hashed while
/// written, verified before it is published). A re-mirror sends a conditional request (<c>If-None-Match</c> /
/// <c>If-Modified-Since</c>) and downloads nothing on 304; a resource whose declared sha256 is already stored needs no
/// request at all. A cut or failed download keeps its partial blob (keyed by URL) and resumes with <c>Range</c> +
/// <c>If-Range</c>, in this run or the next. Retries with back-off on 5xx, 408, 429, resets and stalls. A declared
/// sha256 that does not match is an error and nothing is stored.
/// </summary>
public sealed class HttpResourceFetcher(HttpClient http, BlobStore store, RetryPolicy policy, TimeProvider time)
{
    private const int BufferSize = 128 * 1024;

    public async Task<ResourceFetchResult> FetchAsync(PlannedResource resource, ResourceEntry? previous, Action<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(progress);
        var url = resource.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return ResourceFetchResult.Failed(url, FailureCause.InvalidReference, "not an absolute http(s) URL");
        }

        var expected = resource.Sha256 is null ? null : ContentDigest.Sha256Prefix + resource.Sha256;
        var current = previous is not null && ContentDigest.IsValid(previous.Digest) && store.Has(previous.Digest) ? previous : null;
        if (current is not null && expected is not null && current.Digest == expected)
        {
            return ResourceFetchResult.Unchanged(url, current);
        }

        var validatorFile = Path.Combine(store.IngestDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url))) + ".validator");
        var lastError = string.Empty;
        var lastCause = FailureCause.Network;
        var attempts = policy.MaxRetries + 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(Backoff(attempt - 1), time, cancellationToken);
            }

            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await using var writer = store.OpenWriter(resumeKey: "url:" + url);
            try
            {
                var resumeFrom = writer.Length;
                var resumeValidator = resumeFrom > 0 && File.Exists(validatorFile) ? await File.ReadAllTextAsync(validatorFile, cancellationToken) : null;
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (resumeValidator is { Length: > 0 })
                {
                    request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
                    request.Headers.TryAddWithoutValidation("If-Range", resumeValidator);
                }
                else if (current is not null)
                {
                    if (current.ETag is { } etag)
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                    }

                    if (current.LastModified is { } modified)
                    {
                        request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
                    }
                }

                stall.CancelAfter(policy.ReadIdleTimeout);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
                if (response.StatusCode == HttpStatusCode.NotModified && current is not null)
                {
                    return ResourceFetchResult.Unchanged(url, current);
                }

                if (!response.IsSuccessStatusCode)
                {
                    lastCause = response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired ? FailureCause.ProxyRefused : FailureCause.HttpStatus;
                    lastError = TransferCause.Describe(response.StatusCode, response.ReasonPhrase);
                    if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                    {
                        writer.Discard();
                        continue;
                    }

                    if (TransferCause.IsTransient(response.StatusCode))
                    {
                        continue;
                    }

                    return ResourceFetchResult.Failed(url, lastCause, lastError);
                }

                var append = response.StatusCode == HttpStatusCode.PartialContent
                    && response.Content.Headers.ContentRange is { From: { } from } && from == resumeFrom;
                if (!append)
                {
                    writer.Reset();
                    File.Delete(validatorFile);
                    if (Validator(response) is { } validator)
                    {
                        await File.WriteAllTextAsync(validatorFile, validator, cancellationToken);
                    }
                }

                var received = await CopyAsync(response, writer, stall, progress);
                if (response.Content.Headers.ContentLength is { } length && received != length)
                {
                    lastCause = FailureCause.Network;
                    lastError = $"connection closed after {received} of {length} bytes";
                    continue;
                }

                string digest;
                try
                {
                    digest = await writer.CommitAsync(expected, cancellationToken: cancellationToken);
                }
                catch (RegistryException e) when (e.Kind == RegistryErrorKind.DigestMismatch)
                {
                    File.Delete(validatorFile);
                    return ResourceFetchResult.Failed(url, FailureCause.DigestMismatch, $"declared {expected}: {e.Message}");
                }

                File.Delete(validatorFile);
                var entry = new ResourceEntry(
                    digest,
                    writer.Length,
                    response.Content.Headers.ContentType?.MediaType,
                    response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture));
                return current is not null && current.Digest == digest
                    ? ResourceFetchResult.Unchanged(url, entry)
                    : ResourceFetchResult.Fetched(url, entry);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastCause = FailureCause.Timeout;
                lastError = $"no data for {policy.ReadIdleTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
            catch (HttpRequestException e)
            {
                lastCause = TransferCause.Classify(e);
                lastError = TransferCause.Describe(e);
                if (lastCause == FailureCause.ProxyRefused)
                {
                    return ResourceFetchResult.Failed(url, lastCause, lastError);
                }
            }
            catch (IOException e)
            {
                lastCause = FailureCause.Network;
                lastError = "connection reset: " + Redaction.Text(e.Message);
            }
        }

        return ResourceFetchResult.Failed(url, lastCause, $"{lastError} (after {attempts} attempts)");
    }

    private TimeSpan Backoff(int retry) =>
        TimeSpan.FromMilliseconds(Math.Min(policy.MaxDelay.TotalMilliseconds, policy.BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1)));

    private static string? Validator(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? etag.ToString()
        : response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);

    private async Task<long> CopyAsync(HttpResponseMessage response, BlobWriter writer, CancellationTokenSource stall, Action<long> progress)
    {
        await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
        var buffer = new byte[BufferSize];
        long received = 0;
        while (true)
        {
            stall.CancelAfter(policy.ReadIdleTimeout);
            var read = await body.ReadAsync(buffer, stall.Token);
            if (read == 0)
            {
                return received;
            }

            await writer.WriteAsync(buffer.AsMemory(0, read), stall.Token);
            received += read;
            progress(read);
        }
    }
}
