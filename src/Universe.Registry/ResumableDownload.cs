using System.Buffers;
using System.Net;

namespace Universe.Registry;

/// <summary>Retry timing shared by the registry client and the downloader.</summary>
public sealed record RetryPolicy
{
    /// <summary>The default: 4 retries, 250 ms doubling to at most 5 s, 60 s without a byte aborts a read.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>How many times a failed request (5xx, 429, reset, timeout) is retried.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first back-off delay; it doubles each retry (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest back-off delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A transfer that receives no byte for this long is treated as cut (and resumed).</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal TimeSpan Delay(int attempt)
    {
        var ms = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
#pragma warning disable CA5394 // jitter is not security-relevant
        return TimeSpan.FromMilliseconds(ms * (0.75 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
    }
}

/// <summary>
/// Streams one HTTP resource into a <see cref="BlobStore"/>: constant memory, sha256 verified before it is stored,
/// retries with back-off on 5xx, 429, resets and stalls, and resumes a cut transfer (also one cut in an earlier run)
/// with <c>Range</c>. Used for registry blobs and for plain HTTP assets.
/// </summary>
public static class BlobDownloader
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="store"/> and returns the blob's digest. When
    /// <paramref name="expectedDigest"/> is given and already stored, nothing is fetched. A digest or size mismatch
    /// throws <see cref="RegistryErrorKind.DigestMismatch"/> and stores nothing. <paramref name="progress"/> receives byte deltas.
    /// </summary>
    public static Task<string> DownloadAsync(
        HttpClient http,
        Uri url,
        BlobStore store,
        string? expectedDigest = null,
        long? expectedSize = null,
        Action<long>? progress = null,
        RetryPolicy? retry = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(store);
        retry ??= RetryPolicy.Default;
        return RunAsync(
            async (offset, ct) =>
            {
                for (var attempt = 0; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (offset > 0)
                    {
                        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, null);
                    }

                    HttpResponseMessage response;
                    try
                    {
                        response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    }
                    catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ProxyTunnelError)
                    {
                        throw Failures.Proxy(e, url.Authority);
                    }
                    catch (Exception e) when (Failures.IsTransient(e, ct) && attempt < retry.MaxRetries)
                    {
                        await Task.Delay(retry.Delay(attempt), ct);
                        continue;
                    }
                    catch (Exception e) when (Failures.IsTransient(e, ct))
                    {
                        throw Failures.Network(e, url.Authority);
                    }

                    if (Failures.IsRetryableStatus(response.StatusCode) && attempt < retry.MaxRetries)
                    {
                        response.Dispose();
                        await Task.Delay(retry.Delay(attempt), ct);
                        continue;
                    }

                    return response;
                }
            },
            store,
            expectedDigest,
            expectedSize,
            expectedDigest ?? url.AbsoluteUri,
            progress,
            retry,
            Failures.Redact(url),
            cancellationToken);
    }

    internal static async Task<string> RunAsync(
        Func<long, CancellationToken, Task<HttpResponseMessage>> send,
        BlobStore store,
        string? expectedDigest,
        long? expectedSize,
        string resumeKey,
        Action<long>? progress,
        RetryPolicy retry,
        string what,
        CancellationToken cancellationToken)
    {
        if (expectedDigest is not null && store.Has(expectedDigest))
        {
            return expectedDigest;
        }

        var restartedFromScratch = false;
        var failures = 0;
        while (true)
        {
            await using var writer = store.OpenWriter(resumeKey);
            var resumedFrom = writer.Length;
            if (expectedSize is not null && writer.Length > expectedSize)
            {
                writer.Reset();
            }

            try
            {
                var complete = expectedSize is not null && writer.Length == expectedSize;
                if (!complete)
                {
                    await TransferAsync(send, writer, expectedSize, progress, retry, what, () => failures++, () => failures, cancellationToken);
                }

                return await writer.CommitAsync(expectedDigest, expectedSize, cancellationToken);
            }
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.DigestMismatch && resumedFrom > 0 && !restartedFromScratch)
            {
                // The partial data from an earlier attempt was bad; start once more from byte 0.
                restartedFromScratch = true;
            }
        }
    }

    private static async Task TransferAsync(
        Func<long, CancellationToken, Task<HttpResponseMessage>> send,
        BlobWriter writer,
        long? expectedSize,
        Action<long>? progress,
        RetryPolicy retry,
        string what,
        Action countFailure,
        Func<int> failures,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var offset = writer.Length;
                using var response = await send(offset, cancellationToken);
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
                {
                    if (response.Content.Headers.ContentRange?.Length is { } total && total == offset)
                    {
                        return;
                    }

                    writer.Reset();
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    if (response.Content.Headers.ContentRange?.From != offset)
                    {
                        writer.Reset();
                        continue;
                    }
                }
                else if (response.StatusCode == HttpStatusCode.OK)
                {
                    if (offset > 0)
                    {
                        writer.Reset();
                    }
                }
                else
                {
                    throw await Failures.FromResponseAsync(response, what, cancellationToken);
                }

                var declared = response.Content.Headers.ContentLength;
                if (expectedSize is not null && declared is not null && writer.Length + declared > expectedSize)
                {
                    throw new RegistryException(RegistryErrorKind.DigestMismatch,
                        $"{what} is {writer.Length + declared} bytes, expected {expectedSize}; nothing stored");
                }

                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    while (true)
                    {
                        idle.CancelAfter(retry.ReadIdleTimeout);
                        var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        progress?.Invoke(read);
                        if (expectedSize is not null && writer.Length > expectedSize)
                        {
                            throw new RegistryException(RegistryErrorKind.DigestMismatch,
                                $"{what} is larger than the expected {expectedSize} bytes; nothing stored");
                        }
                    }
                }
                catch (Exception e) when (Failures.IsTransient(e, cancellationToken))
                {
                    countFailure();
                    if (failures() > retry.MaxRetries)
                    {
                        throw Failures.Network(e, what);
                    }

                    await Task.Delay(retry.Delay(failures() - 1), cancellationToken);
                    continue;
                }

                if (expectedSize is not null && writer.Length < expectedSize)
                {
                    // The server closed the body early without an error: resume.
                    countFailure();
                    if (failures() > retry.MaxRetries)
                    {
                        throw new RegistryException(RegistryErrorKind.Network, $"{what} ended after {writer.Length} of {expectedSize} bytes");
                    }

                    await Task.Delay(retry.Delay(failures() - 1), cancellationToken);
                    continue;
                }

                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
