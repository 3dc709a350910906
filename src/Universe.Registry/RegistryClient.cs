using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Universe.Registry;

/// <summary>
/// A Docker Registry HTTP API v2 client: manifests (schema 2, OCI, lists and indexes), blobs, tags. Bearer tokens from
/// the <c>WWW-Authenticate</c> challenge (anonymous or with credentials, cached per scope), Basic auth, mirrors,
/// plain HTTP on loopback or for hosts configured insecure, extra CA files, proxies, retries with back-off. Thread-safe;
/// create one and share it. Credentials never appear in exceptions or logs.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private const int MaxListBytes = 16 * 1024 * 1024;
    private readonly RegistryClientOptions _options;
    private readonly ConcurrentDictionary<string, Task> _inflight = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly RegistryHosts _hosts;
    private readonly RegistryAuthenticator _authenticator;

    /// <summary>Creates a client; HTTP handlers are built per registry host from <paramref name="options"/> (proxy, CA file, insecure).</summary>
    public RegistryClient(RegistryClientOptions? options = null, ILogger<RegistryClient>? logger = null)
        : this(options, sharedHandler: null, (ILogger?)logger)
    {
    }

    /// <summary>Creates a client that sends everything through <paramref name="handler"/> (not disposed by the client).</summary>
    public RegistryClient(RegistryClientOptions options, HttpMessageHandler handler, ILogger<RegistryClient>? logger = null)
        : this(options, handler ?? throw new ArgumentNullException(nameof(handler)), (ILogger?)logger)
    {
    }

    private RegistryClient(RegistryClientOptions? options, HttpMessageHandler? sharedHandler, ILogger? logger)
    {
        _options = options ?? new RegistryClientOptions();
        _logger = logger ?? NullLogger.Instance;
        _hosts = new RegistryHosts(_options, sharedHandler);
        _authenticator = new RegistryAuthenticator(_options, _hosts);
    }

    /// <summary>The options in use.</summary>
    public RegistryClientOptions Options => _options;

    /// <summary>Checks that <paramref name="registry"/> speaks Registry API v2 (200, or 401 before authentication), authenticating if asked.</summary>
    public async Task PingAsync(string registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var endpoint = RegistryEndpoint.Upstream(registry, _options.Registries);
        using var response = await SendAsync(endpoint, scope: null, b => new HttpRequestMessage(HttpMethod.Get, new Uri(b, "/v2/")), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await Failures.FromResponseAsync(response, $"Registry {endpoint.Authority}", cancellationToken);
        }
    }

    /// <summary>
    /// Fetches a manifest or index by tag or digest (<paramref name="reference"/> defaults to the image's), exact bytes,
    /// verified against the requested digest and the <c>Docker-Content-Digest</c> header.
    /// </summary>
    public async Task<FetchedManifest> GetManifestAsync(ImageReference image, string? reference = null, CancellationToken cancellationToken = default) =>
        (await GetManifestFromAsync(image, reference, cancellationToken)).Manifest;

    /// <summary>HEAD of a manifest: digest, media type and size without the body; null when it does not exist.</summary>
    public async Task<ManifestInfo?> HeadManifestAsync(ImageReference image, string? reference = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        reference = RegistryRequests.CheckReference(reference ?? image.Reference);
        return await OnEndpointsAsync(image, async endpoint =>
        {
            using var response = await SendAsync(endpoint, RegistryRequests.Scope(image), b => RegistryRequests.ManifestRequest(HttpMethod.Head, b, image, reference), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new RegistryException(RegistryErrorKind.NotFound, $"{image.Repository}:{reference} not found on {endpoint.Authority}", HttpStatusCode.NotFound);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await Failures.FromResponseAsync(response, RegistryRequests.Describe(endpoint, image, reference), cancellationToken);
            }

            var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            return new ManifestInfo(ContentDigest.IsValid(digest) ? digest : null, response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentLength);
        }, cancellationToken);
    }

    /// <summary>
    /// Resolves an image to one platform's manifest (default: <see cref="RegistryClientOptions.Platform"/>). An index or
    /// manifest list is kept in the result and its entry for the platform fetched by digest.
    /// </summary>
    public async Task<ResolvedImage> ResolveAsync(ImageReference image, Platform? platform = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        platform ??= _options.Platform;
        var (top, source) = await GetManifestFromAsync(image, null, cancellationToken);
        if (!top.IsIndex)
        {
            if (!MediaTypes.IsManifest(top.MediaType))
            {
                throw new RegistryException(RegistryErrorKind.InvalidManifest, $"{image}: unsupported manifest type {Failures.Clean(top.MediaType, 100)}");
            }

            return new ResolvedImage(image, null, top, top.ParseManifest(), source);
        }

        var index = top.ParseIndex();
        var entry = index.Select(platform) ?? throw new RegistryException(RegistryErrorKind.PlatformNotFound,
            $"{image} has no manifest for {platform} (it has: {string.Join(", ", index.Manifests.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()).Distinct())})");
        var (manifest, _) = await GetManifestFromAsync(image.WithDigest(entry.Digest), entry.Digest, cancellationToken);
        if (manifest.Content.Length != entry.Size)
        {
            throw new RegistryException(RegistryErrorKind.DigestMismatch, $"{image}: manifest {entry.Digest} is {manifest.Content.Length} bytes, the index says {entry.Size}");
        }

        if (!MediaTypes.IsManifest(manifest.MediaType))
        {
            throw new RegistryException(RegistryErrorKind.InvalidManifest, $"{image}: index entry {entry.Digest} is not an image manifest");
        }

        return new ResolvedImage(image, top, manifest, manifest.ParseManifest(), source);
    }

    /// <summary>All tags of the image's repository (follows <c>Link</c> pagination).</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return await OnEndpointsAsync(image, async endpoint =>
        {
            var tags = new List<string>();
            var path = $"/v2/{image.Repository}/tags/list?n=1000";
            for (var page = 0; page < 1000 && path is not null; page++)
            {
                var current = path;
                using var response = await SendAsync(endpoint, RegistryRequests.Scope(image), b => new HttpRequestMessage(HttpMethod.Get, new Uri(b, current)), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw await Failures.FromResponseAsync(response, $"Tags of {image.Registry}/{image.Repository} on {endpoint.Authority}", cancellationToken);
                }

                var bytes = await Failures.ReadLimitedAsync(response, MaxListBytes, cancellationToken)
                    ?? throw new RegistryException(RegistryErrorKind.HttpError, $"Tags of {image.Repository} on {endpoint.Authority}: larger than {MaxListBytes} bytes");
                try
                {
                    using var doc = JsonDocument.Parse(bytes);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array)
                    {
                        tags.AddRange(t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
                    }
                }
                catch (JsonException)
                {
                    throw new RegistryException(RegistryErrorKind.HttpError, $"Tags of {image.Repository} on {endpoint.Authority}: invalid JSON");
                }

                path = RegistryRequests.NextLink(response);
            }

            return (IReadOnlyList<string>)tags;
        }, cancellationToken);
    }

    /// <summary>
    /// Streams a blob of <paramref name="image"/>'s repository into <paramref name="store"/>, verified against its digest
    /// and size, resuming a cut transfer with <c>Range</c>. Returns false when it was already stored (nothing fetched).
    /// </summary>
    public async Task<bool> DownloadBlobAsync(ImageReference image, Descriptor blob, BlobStore store, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(store);
        ContentDigest.Validate(blob.Digest);
        var key = store.Root + "|" + blob.Digest;
        while (true)
        {
            if (store.Has(blob.Digest))
            {
                return false;
            }

            // The same blob into the same store from two pulls at once: one downloads, the other waits and re-checks.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_inflight.TryAdd(key, done.Task))
            {
                if (_inflight.TryGetValue(key, out var other))
                {
                    await other.WaitAsync(cancellationToken);
                }

                continue;
            }

            try
            {
                await DownloadBlobCoreAsync(image, blob, store, progress, cancellationToken);
                return true;
            }
            finally
            {
                _inflight.TryRemove(key, out _);
                done.TrySetResult();
            }
        }
    }

    private async Task DownloadBlobCoreAsync(ImageReference image, Descriptor blob, BlobStore store, Action<long>? progress, CancellationToken cancellationToken)
    {
        await OnEndpointsAsync(image, async endpoint =>
        {
            var what = $"Blob {blob.Digest} of {image.Repository} on {endpoint.Authority}";
            var result = await BlobDownloader.RunAsync(
                async (attempt, ct) =>
                {
                    var response = await SendAsync(endpoint, RegistryRequests.Scope(image), b =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(b, $"/v2/{image.Repository}/blobs/{blob.Digest}"));
                        if (attempt.Offset > 0)
                        {
                            request.Headers.Range = new RangeHeaderValue(attempt.Offset, null);
                        }

                        return request;
                    }, ct);
                    return response;
                },
                store,
                blob.Digest,
                blob.Size,
                blob.Digest,
                reuseStored: true,
                needsValidator: false,
                conditional: false,
                progress,
                _options.Retry,
                what,
                cancellationToken);
            return result.Digest!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _hosts.Dispose();

    private async Task<(FetchedManifest Manifest, string Source)> GetManifestFromAsync(ImageReference image, string? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        reference = RegistryRequests.CheckReference(reference ?? image.Reference);
        var result = await OnEndpointsAsync(image, async endpoint =>
        {
            using var response = await SendAsync(endpoint, RegistryRequests.Scope(image), b => RegistryRequests.ManifestRequest(HttpMethod.Get, b, image, reference), cancellationToken);
            var what = RegistryRequests.Describe(endpoint, image, reference);
            if (!response.IsSuccessStatusCode)
            {
                throw await Failures.FromResponseAsync(response, what, cancellationToken);
            }

            if (response.Content.Headers.ContentLength is > ManifestParser.MaxManifestBytes)
            {
                throw new RegistryException(RegistryErrorKind.InvalidManifest, $"{what}: larger than {ManifestParser.MaxManifestBytes} bytes");
            }

            var content = await Failures.ReadLimitedAsync(response, ManifestParser.MaxManifestBytes, cancellationToken)
                ?? throw new RegistryException(RegistryErrorKind.InvalidManifest, $"{what}: larger than {ManifestParser.MaxManifestBytes} bytes");
            var digest = ContentDigest.Compute(content);
            if (ContentDigest.IsValid(reference) && digest != reference)
            {
                throw new RegistryException(RegistryErrorKind.DigestMismatch, $"{what}: content has digest {digest}; nothing stored");
            }

            if (response.Headers.TryGetValues("Docker-Content-Digest", out var headerValues) && headerValues.FirstOrDefault() is { } header
                && header.StartsWith(ContentDigest.Sha256Prefix, StringComparison.Ordinal) && header != digest)
            {
                throw new RegistryException(RegistryErrorKind.DigestMismatch, $"{what}: Docker-Content-Digest {Failures.Clean(header, 80)} does not match the content's {digest}");
            }

            var mediaType = ManifestParser.DetectMediaType(content, response.Content.Headers.ContentType?.MediaType);
            return (new FetchedManifest(mediaType, digest, content), endpoint.Authority);
        }, cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="action"/> against the mirror (if any) then the upstream host, moving on when one fails.</summary>
    private async Task<T> OnEndpointsAsync<T>(ImageReference image, Func<RegistryEndpoint, Task<T>> action, CancellationToken cancellationToken)
    {
        var endpoints = RegistryEndpoint.For(image, _options.Registries);
        RegistryException? mirrorFailure = null;
        for (var i = 0; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var endpoint = endpoints[i];
            try
            {
                return await action(endpoint);
            }
            catch (RegistryException e) when (i < endpoints.Count - 1 && e.Kind is not (RegistryErrorKind.DigestMismatch or RegistryErrorKind.InvalidManifest))
            {
                LogMirrorFailed(endpoint.Authority, e.Kind);
                mirrorFailure = e;
            }
            catch (RegistryException e) when (mirrorFailure is not null)
            {
                throw new RegistryException(e.Kind, e.Message + $" (mirror {endpoints[0].Authority} failed first: {mirrorFailure.Message})", e.StatusCode, e);
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        RegistryEndpoint endpoint,
        string? scope,
        Func<Uri, HttpRequestMessage> build,
        CancellationToken cancellationToken)
    {
        var baseUri = await _hosts.BaseUriAsync(endpoint, cancellationToken);
        var client = _hosts.ClientFor(endpoint);
        var authenticated = false;
        while (true)
        {
            var response = await Transport.SendAsync(
                client,
                () =>
                {
                    var request = build(baseUri);
                    request.Headers.UserAgent.ParseAdd(_options.UserAgent);
                    _authenticator.Authorize(endpoint, scope, request);
                    return request;
                },
                _options.Retry,
                _options.RequestTimeout,
                endpoint.Authority,
                (attempt, reason) => LogRetry(endpoint.Authority, attempt, reason),
                cancellationToken);
            LogResponse(endpoint.Authority, (int)response.StatusCode);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            response.Dispose();
            if (authenticated)
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized,
                    endpoint.Settings?.Username is null
                        ? $"Registry {endpoint.Authority} requires authentication: configure a Username and PasswordFile for it"
                        : $"Registry {endpoint.Authority} refused the credentials of user {endpoint.Settings.Username}", HttpStatusCode.Unauthorized);
            }

            authenticated = true;
            await _authenticator.AuthenticateAsync(endpoint, scope, AuthChallenge.Parse(response.Headers.WwwAuthenticate), cancellationToken);
        }
    }
}
