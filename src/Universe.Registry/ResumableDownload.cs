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
        // Without a digest to check the result against, a partial file from an earlier run could be glued to other
        // content, so it is not kept; within this call a resume is guarded by If-Range with the first response's validator.
        System.Net.Http.Headers.RangeConditionHeaderValue? validator = null;
        return RunAsync(
            async (offset, ct) =>
            {
                while (true)
                {
                    var response = await Transport.SendAsync(
                        http,
                        () =>
                        {
                            var request = new HttpRequestMessage(HttpMethod.Get, url);
                            if (offset > 0)
                            {
                                request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, null);
                                if (expectedDigest is null && validator is not null)
                                {
                                    request.Headers.IfRange = validator;
                                }
                            }

                            return request;
                        },
                        retry,
                        retry.ReadIdleTimeout,
                        url.Authority,
                        null,
                        ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        validator = response.Headers.ETag is { IsWeak: false } etag ? new System.Net.Http.Headers.RangeConditionHeaderValue(etag)
                            : response.Content.Headers.LastModified is { } modified ? new System.Net.Http.Headers.RangeConditionHeaderValue(modified)
                            : null;
                    }
                    else if (response.StatusCode == HttpStatusCode.PartialContent && expectedDigest is null && validator is null)
                    {
                        // Nothing proves the rest belongs to the same content: start over without Range.
                        response.Dispose();
                        offset = 0;
                        continue;
                    }

                    return response;
                }
            },
            store,
            expectedDigest,
            expectedSize,
            expectedDigest,
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
        string? resumeKey,
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
        var spare = ArrayPool<byte>.Shared.Rent(BufferSize);
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
                    // Two buffers: the next network read runs while the previous chunk is hashed and written.
                    var current = buffer;
                    var next = spare;
                    idle.CancelAfter(retry.ReadIdleTimeout);
                    var pending = body.ReadAsync(current.AsMemory(0, BufferSize), idle.Token);
                    while (true)
                    {
                        var read = await pending;
                        if (read == 0)
                        {
                            break;
                        }

                        if (expectedSize is not null && writer.Length + read > expectedSize)
                        {
                            throw new RegistryException(RegistryErrorKind.DigestMismatch,
                                $"{what} is larger than the expected {expectedSize} bytes; nothing stored");
                        }

                        idle.CancelAfter(retry.ReadIdleTimeout);
                        pending = body.ReadAsync(next.AsMemory(0, BufferSize), idle.Token);
                        try
                        {
                            await writer.WriteAsync(current.AsMemory(0, read), cancellationToken);
                        }
                        catch
                        {
                            await ObserveAsync(pending);
                            throw;
                        }

                        progress?.Invoke(read);
                        (current, next) = (next, current);
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
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static async Task ObserveAsync(ValueTask<int> pending)
    {
        try
        {
            await pending;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException or ObjectDisposedException)
        {
        }
    }
}
