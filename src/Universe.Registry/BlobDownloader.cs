using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Universe.Registry;

/// <summary>
/// The one download path of the code base: streams an HTTP resource into a <see cref="BlobStore"/> with constant
/// memory, hashing as it writes (the next network read runs while a chunk is hashed and written), sha256 and size
/// verified before anything is stored, retries with back-off on 5xx, 429, resets and stalls, and resume of a cut
/// transfer with <c>Range</c>, also one cut in an earlier run: the partial file is keyed by the expected digest (or by
/// the URL, with the response's validator kept beside it for <c>If-Range</c>, so a resume never glues two versions
/// together). Conditional requests (<c>If-None-Match</c>/<c>If-Modified-Since</c>) for re-mirrors. Used for registry
/// blobs (<see cref="RegistryClient.DownloadBlobAsync"/>) and for plain HTTP assets (the mirror).
/// </summary>
public static class BlobDownloader
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="store"/> and returns the blob's digest. When
    /// <paramref name="expectedDigest"/> is given and already stored, nothing is fetched. A digest or size mismatch
    /// throws <see cref="RegistryErrorKind.DigestMismatch"/> and stores nothing. <paramref name="progress"/> receives byte deltas.
    /// </summary>
    public static async Task<string> DownloadAsync(
        HttpClient http,
        Uri url,
        BlobStore store,
        string? expectedDigest = null,
        long? expectedSize = null,
        Action<long>? progress = null,
        RetryPolicy? retry = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var result = await FetchAsync(
            http, new BlobDownloadRequest { Url = url, ExpectedDigest = expectedDigest, ExpectedSize = expectedSize }, store, progress, retry, cancellationToken);
        return result.Digest!;
    }

    /// <summary>
    /// Downloads <see cref="BlobDownloadRequest.Url"/> into <paramref name="store"/>. Failures are
    /// <see cref="RegistryException"/>s: <see cref="RegistryErrorKind.DigestMismatch"/> (nothing stored),
    /// <see cref="RegistryErrorKind.ProxyAuthenticationRequired"/>, <see cref="RegistryErrorKind.Network"/> (its inner
    /// exception an <see cref="OperationCanceledException"/> when the server went silent), or the status's kind.
    /// </summary>
    public static async Task<BlobDownloadResult> FetchAsync(
        HttpClient http,
        BlobDownloadRequest request,
        BlobStore store,
        Action<long>? progress = null,
        RetryPolicy? retry = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        retry ??= RetryPolicy.Default;
        var url = request.Url;
        string? mediaType = null, etag = null, lastModified = null;
        var transfer = await RunAsync(
            async (attempt, ct) =>
            {
                var response = await Transport.SendAsync(
                    http,
                    () =>
                    {
                        var message = new HttpRequestMessage(HttpMethod.Get, url);
                        if (attempt.Offset > 0)
                        {
                            message.Headers.Range = new RangeHeaderValue(attempt.Offset, null);
                            if (request.ExpectedDigest is null && attempt.Validator is { } validator)
                            {
                                message.Headers.TryAddWithoutValidation("If-Range", validator);
                            }
                        }
                        else if (attempt.Conditional)
                        {
                            if (request.IfNoneMatch is { } match)
                            {
                                message.Headers.TryAddWithoutValidation("If-None-Match", match);
                            }

                            if (request.IfModifiedSince is { } since)
                            {
                                message.Headers.TryAddWithoutValidation("If-Modified-Since", since);
                            }
                        }

                        return message;
                    },
                    retry,
                    retry.ReadIdleTimeout,
                    Failures.Redact(url),
                    null,
                    ct);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PartialContent)
                {
                    mediaType = response.Content.Headers.ContentType?.MediaType;
                    etag = response.Headers.ETag?.ToString();
                    lastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);
                }

                return response;
            },
            store,
            request.ExpectedDigest,
            request.ExpectedSize,
            request.ExpectedDigest ?? "url:" + url.AbsoluteUri,
            request.ReuseStored,
            request.ExpectedDigest is null,
            request.IsConditional,
            progress,
            retry,
            Failures.Redact(url),
            cancellationToken);
        return transfer with { MediaType = mediaType, ETag = etag, LastModified = lastModified };
    }

    internal static async Task<BlobDownloadResult> RunAsync(
        Func<TransferAttempt, CancellationToken, Task<HttpResponseMessage>> send,
        BlobStore store,
        string? expectedDigest,
        long? expectedSize,
        string? resumeKey,
        bool reuseStored,
        bool needsValidator,
        bool conditional,
        Action<long>? progress,
        RetryPolicy retry,
        string what,
        CancellationToken cancellationToken)
    {
        if (reuseStored && expectedDigest is not null && store.TryGetSize(expectedDigest) is { } stored)
        {
            return new BlobDownloadResult { Digest = expectedDigest, Size = stored };
        }

        var restartedFromScratch = false;
        var budget = new RetryBudget(retry);
        while (true)
        {
            await using var writer = store.OpenWriter(resumeKey);
            var resumedFrom = writer.Length;
            if ((expectedSize is not null && writer.Length > expectedSize) || (needsValidator && writer.ResumeValidator is null && writer.Length > 0))
            {
                // Too long, or nothing proves the partial data belongs to what the server sends now: start over.
                writer.Reset();
            }

            try
            {
                var complete = expectedSize is not null && writer.Length == expectedSize;
                if (!complete)
                {
                    var state = new TransferState(send, writer, expectedSize, needsValidator, conditional && writer.Length == 0, progress, retry, what);
                    if (await TransferAsync(state, budget, cancellationToken))
                    {
                        writer.Discard();
                        return new BlobDownloadResult { NotModified = true };
                    }
                }

                var size = writer.Length;
                var digest = await writer.CommitAsync(expectedDigest, expectedSize, cancellationToken);
                return new BlobDownloadResult { Digest = digest, Size = size, Downloaded = true };
            }
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.DigestMismatch && resumedFrom > 0 && !restartedFromScratch)
            {
                // The partial data from an earlier attempt was bad; start once more from byte 0.
                restartedFromScratch = true;
            }
        }
    }

    /// <summary>Transfers into the state's writer; true when the server answered the conditional request with 304.</summary>
    private static async Task<bool> TransferAsync(TransferState state, RetryBudget budget, CancellationToken cancellationToken)
    {
        var (writer, expectedSize, retry, what) = (state.Writer, state.ExpectedSize, state.Retry, state.What);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(BufferSize);
        var conditional = state.Conditional;
        try
        {
            while (true)
            {
                var offset = writer.Length;
                if (offset > 0 && state.NeedsValidator && writer.ResumeValidator is null)
                {
                    // Nothing ties the partial bytes to one version of the content (no strong ETag, no Last-Modified):
                    // a Range request could splice two versions together, so the transfer starts over.
                    writer.Reset();
                    offset = 0;
                }

                if (offset > 0)
                {
                    conditional = false;
                }

                using var response = await state.Send(new TransferAttempt(offset, writer.ResumeValidator, conditional), cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotModified && conditional)
                {
                    return true;
                }

                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
                {
                    if (response.Content.Headers.ContentRange?.Length is { } total && total == offset)
                    {
                        return false;
                    }

                    writer.Reset();
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    if (response.Content.Headers.ContentRange?.From != offset)
                    {
                        // A 206 for another range than the one asked (or with none): start over, and count it, so a
                        // server that always answers so ends in a failure instead of an endless loop.
                        writer.Reset();
                        var range = response.Content.Headers.ContentRange?.ToString() ?? "no Content-Range";
                        await budget.SpendAsync(() => new RegistryException(RegistryErrorKind.Network,
                            $"{what} answered 206 Partial Content for a range other than bytes={offset}- ({range})"), cancellationToken);
                        continue;
                    }
                }
                else if (response.StatusCode == HttpStatusCode.OK)
                {
                    if (offset > 0)
                    {
                        writer.Reset();
                    }

                    if (state.NeedsValidator)
                    {
                        // What a later resume (in this run or the next) sends as If-Range; weak ETags don't qualify.
                        writer.ResumeValidator = response.Headers.ETag is { IsWeak: false } etag ? etag.ToString()
                            : response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);
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

                var bodyEnd = declared is { } d ? writer.Length + d : expectedSize;
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

                        state.Progress?.Invoke(read);
                        (current, next) = (next, current);
                    }
                }
                catch (Exception e) when (Failures.IsTransient(e, cancellationToken))
                {
                    await budget.SpendAsync(() => Failures.Network(e, what), cancellationToken);
                    continue;
                }

                if (bodyEnd is not null && writer.Length < bodyEnd)
                {
                    // The server closed the body early without an error: resume.
                    var ended = writer.Length;
                    await budget.SpendAsync(() => new RegistryException(RegistryErrorKind.Network, $"{what} ended after {ended} of {bodyEnd} bytes"), cancellationToken);
                    continue;
                }

                return false;
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

    /// <summary>
    /// The failed attempts of one download, across the writers it reopens: each costs a back-off delay, and the one
    /// past <see cref="RetryPolicy.MaxRetries"/> throws instead.
    /// </summary>
    private sealed class RetryBudget(RetryPolicy retry)
    {
        private int _failures;

        public async Task SpendAsync(Func<Exception> exhausted, CancellationToken cancellationToken)
        {
            if (++_failures > retry.MaxRetries)
            {
                throw exhausted();
            }

            await Task.Delay(retry.Delay(_failures - 1), cancellationToken);
        }
    }

    private sealed record TransferState(
        Func<TransferAttempt, CancellationToken, Task<HttpResponseMessage>> Send,
        BlobWriter Writer,
        long? ExpectedSize,
        bool NeedsValidator,
        bool Conditional,
        Action<long>? Progress,
        RetryPolicy Retry,
        string What);
}

/// <summary>One request of a transfer: where to resume from, the validator for <c>If-Range</c>, whether to send the conditional headers.</summary>
internal readonly record struct TransferAttempt(long Offset, string? Validator, bool Conditional);
