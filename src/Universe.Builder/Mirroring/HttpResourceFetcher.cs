using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Fetches one HTTP resource into the bundle's blobs, streaming (constant memory) and hashing as it writes. A re-mirror
/// sends a conditional request (<c>If-None-Match</c> / <c>If-Modified-Since</c>) and downloads nothing on 304; a
/// resource whose declared sha256 is already stored needs no request at all. A cut-off or failed download keeps its
/// partial file and resumes with <c>Range</c> + <c>If-Range</c>, in this run or the next. A declared sha256 that does
/// not match is an error and nothing is stored.
/// </summary>
public sealed class HttpResourceFetcher(HttpClient http, IBundleBlobs blobs, TransferPolicy policy, TimeProvider time)
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

        var expected = resource.Sha256 is null ? null : "sha256:" + resource.Sha256;
        var current = previous is not null && blobs.Contains(previous.Digest) ? previous : null;
        if (current is not null && expected is not null && current.Digest == expected)
        {
            return ResourceFetchResult.Unchanged(url, current);
        }

        var partial = Path.Combine(blobs.TemporaryDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url))) + ".part");
        var validatorFile = partial + ".validator";
        string lastError = string.Empty;
        var lastCause = FailureCause.Network;
        for (var attempt = 1; attempt <= policy.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(policy.DelayBefore(attempt - 1), time, cancellationToken);
            }

            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                var resumeFrom = File.Exists(partial) && File.Exists(validatorFile) ? new FileInfo(partial).Length : 0;
                var resumeValidator = resumeFrom > 0 ? await File.ReadAllTextAsync(validatorFile, cancellationToken) : null;
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (resumeFrom > 0 && resumeValidator is { Length: > 0 })
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

                stall.CancelAfter(policy.StallTimeout);
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
                        DeletePartial(partial, validatorFile);
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
                    DeletePartial(partial, validatorFile);
                    if (Validator(response) is { } validator)
                    {
                        await File.WriteAllTextAsync(validatorFile, validator, cancellationToken);
                    }
                }

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                if (append)
                {
                    await HashExistingAsync(partial, hash, cancellationToken);
                }

                var total = await CopyAsync(response, partial, append, hash, stall, progress, cancellationToken);
                var announced = response.Content.Headers.ContentLength;
                if (announced is { } length && total - (append ? resumeFrom : 0) != length)
                {
                    lastCause = FailureCause.Network;
                    lastError = $"connection closed after {total} bytes";
                    continue;
                }

                var digest = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
                if (expected is not null && digest != expected)
                {
                    DeletePartial(partial, validatorFile);
                    return ResourceFetchResult.Failed(url, FailureCause.DigestMismatch, $"declared {expected}, received {digest} ({total} bytes); not stored");
                }

                blobs.AddHashed(partial, digest);
                DeletePartial(partial, validatorFile);
                var entry = new ResourceEntry(
                    digest,
                    total,
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
                lastError = $"no data for {policy.StallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
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

        return ResourceFetchResult.Failed(url, lastCause, $"{lastError} (after {policy.Attempts} attempts)");
    }

    private static string? Validator(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? etag.ToString()
        : response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);

    private static async Task HashExistingAsync(string partial, IncrementalHash hash, CancellationToken cancellationToken)
    {
        await using var existing = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await existing.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }

    private async Task<long> CopyAsync(
        HttpResponseMessage response, string partial, bool append, IncrementalHash hash, CancellationTokenSource stall, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
        await using var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        while (true)
        {
            stall.CancelAfter(policy.StallTimeout);
            var read = await body.ReadAsync(buffer, stall.Token);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            progress(read);
        }

        await file.FlushAsync(cancellationToken);
        return file.Length;
    }

    private static void DeletePartial(string partial, string validatorFile)
    {
        File.Delete(partial);
        File.Delete(validatorFile);
    }
}
