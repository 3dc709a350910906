using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
    private const int MaxTokenBytes = 1024 * 1024;
    private readonly RegistryClientOptions _options;
    private readonly ConcurrentDictionary<string, Task> _inflight = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly HttpMessageHandler? _sharedHandler;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _schemes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, BearerToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Challenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a client; HTTP handlers are built per registry host from <paramref name="options"/> (proxy, CA file, insecure).</summary>
    public RegistryClient(RegistryClientOptions? options = null, ILogger<RegistryClient>? logger = null)
    {
        _options = options ?? new RegistryClientOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Creates a client that sends everything through <paramref name="handler"/> (not disposed by the client).</summary>
    public RegistryClient(RegistryClientOptions options, HttpMessageHandler handler, ILogger<RegistryClient>? logger = null)
        : this(options, logger)
    {
        _sharedHandler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <summary>The options in use.</summary>
    public RegistryClientOptions Options => _options;

    /// <summary>Checks that <paramref name="registry"/> speaks Registry API v2 (200, or 401 before authentication), authenticating if asked.</summary>
    public async Task PingAsync(string registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var endpoint = Endpoint.Upstream(registry, _options.Registries);
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
        reference = CheckReference(reference ?? image.Reference);
        return await OnEndpointsAsync(image, async endpoint =>
        {
            using var response = await SendAsync(endpoint, Scope(image), b => ManifestRequest(HttpMethod.Head, b, image, reference), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new RegistryException(RegistryErrorKind.NotFound, $"{image.Repository}:{reference} not found on {endpoint.Authority}", HttpStatusCode.NotFound);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await Failures.FromResponseAsync(response, Describe(endpoint, image, reference), cancellationToken);
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
                using var response = await SendAsync(endpoint, Scope(image), b => new HttpRequestMessage(HttpMethod.Get, new Uri(b, current)), cancellationToken);
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

                path = NextLink(response);
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
                    var response = await SendAsync(endpoint, Scope(image), b =>
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
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private static string Scope(ImageReference image) => $"repository:{image.Repository}:pull";

    private static string Describe(Endpoint endpoint, ImageReference image, string reference) =>
        $"Manifest {image.Repository}{(reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":")}{reference} on {endpoint.Authority}";

    private static string CheckReference(string reference)
    {
        if (!ContentDigest.IsValid(reference) && !(reference.Length is > 0 and <= 128 && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')))
        {
            throw new FormatException("Invalid manifest reference: expected a tag or a sha256 digest");
        }

        return reference;
    }

    private static HttpRequestMessage ManifestRequest(HttpMethod method, Uri baseUri, ImageReference image, string reference)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUri, $"/v2/{image.Repository}/manifests/{reference}"));
        foreach (var type in MediaTypes.ManifestAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private static string? NextLink(HttpResponseMessage response)
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

    private async Task<(FetchedManifest Manifest, string Source)> GetManifestFromAsync(ImageReference image, string? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        reference = CheckReference(reference ?? image.Reference);
        var result = await OnEndpointsAsync(image, async endpoint =>
        {
            using var response = await SendAsync(endpoint, Scope(image), b => ManifestRequest(HttpMethod.Get, b, image, reference), cancellationToken);
            var what = Describe(endpoint, image, reference);
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
    private async Task<T> OnEndpointsAsync<T>(ImageReference image, Func<Endpoint, Task<T>> action, CancellationToken cancellationToken)
    {
        var endpoints = Endpoint.For(image, _options.Registries);
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

    private HttpClient ClientFor(Endpoint endpoint) => _clients.GetOrAdd(endpoint.Authority, _ =>
    {
        var handler = _sharedHandler ?? _options.Proxy.CreateClientHandler(RootsFor(endpoint), skipTlsVerification: endpoint.Insecure);
        return new HttpClient(handler, disposeHandler: _sharedHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
    });

    private TrustedRoots RootsFor(Endpoint endpoint) =>
        endpoint.Settings?.CaFile is { } hostCa ? _options.TrustedRoots.With(TrustedRoots.Load([hostCa])) : _options.TrustedRoots;

    private async Task<Uri> BaseUriAsync(Endpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.Scheme is { } explicitScheme)
        {
            if (explicitScheme == "http" && !endpoint.AllowsPlainHttp)
            {
                throw new RegistryException(RegistryErrorKind.InsecureRefused,
                    $"Registry {endpoint.Authority} is configured with plain HTTP but is neither loopback nor marked Insecure");
            }

            return new Uri($"{explicitScheme}://{endpoint.Authority}");
        }

        if (_schemes.TryGetValue(endpoint.Authority, out var known))
        {
            return new Uri($"{known}://{endpoint.Authority}");
        }

        if (!endpoint.AllowsPlainHttp)
        {
            _schemes[endpoint.Authority] = "https";
            return new Uri($"https://{endpoint.Authority}");
        }

        // Loopback or insecure: HTTPS first, plain HTTP when TLS fails (as Docker does).
        var https = new Uri($"https://{endpoint.Authority}");
        try
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(https, "/v2/"));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await ClientFor(endpoint).SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            _schemes[endpoint.Authority] = "https";
            return https;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ProxyTunnelError)
        {
            throw Failures.Proxy(e, endpoint.Authority);
        }
        catch (HttpRequestException e) when (Failures.IsUntrustedCertificate(e))
        {
            // It speaks TLS, with a certificate we do not trust: plain HTTP would be a downgrade, not a fallback.
            throw Failures.UntrustedCertificate(e, endpoint.Authority);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _schemes[endpoint.Authority] = "http";
            return new Uri($"http://{endpoint.Authority}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        Endpoint endpoint,
        string? scope,
        Func<Uri, HttpRequestMessage> build,
        CancellationToken cancellationToken)
    {
        var baseUri = await BaseUriAsync(endpoint, cancellationToken);
        var client = ClientFor(endpoint);
        var authenticated = false;
        while (true)
        {
            var response = await Transport.SendAsync(
                client,
                () =>
                {
                    var request = build(baseUri);
                    request.Headers.UserAgent.ParseAdd(_options.UserAgent);
                    ApplyAuthorization(endpoint, scope, request);
                    _options.Proxy.AddPreemptiveCredentials(request);
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
            await AuthenticateAsync(endpoint, scope, Challenge.Parse(response.Headers.WwwAuthenticate), cancellationToken);
        }
    }

    private void ApplyAuthorization(Endpoint endpoint, string? scope, HttpRequestMessage request)
    {
        if (!_challenges.TryGetValue(endpoint.Authority, out var challenge))
        {
            return;
        }

        if (challenge.Scheme == "basic")
        {
            if (BasicValue(endpoint) is { } basic)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            }

            return;
        }

        if (_tokens.TryGetValue(TokenKey(endpoint, challenge, scope ?? challenge.Scope), out var token) && token.ExpiresAt > _options.TimeProvider.GetUtcNow())
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
    }

    private async Task AuthenticateAsync(Endpoint endpoint, string? scope, Challenge? challenge, CancellationToken cancellationToken)
    {
        if (challenge is null)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"Registry {endpoint.Authority} answered 401 without a usable WWW-Authenticate challenge", HttpStatusCode.Unauthorized);
        }

        _challenges[endpoint.Authority] = challenge;
        if (challenge.Scheme == "basic")
        {
            if (BasicValue(endpoint) is null)
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized,
                    $"Registry {endpoint.Authority} requires Basic authentication: configure a Username and PasswordFile for it", HttpStatusCode.Unauthorized);
            }

            return;
        }

        var wanted = challenge.Scope ?? scope;
        var key = TokenKey(endpoint, challenge, scope ?? challenge.Scope);
        var token = await FetchTokenAsync(endpoint, challenge, wanted, cancellationToken);
        _tokens[key] = token;
    }

    private static string TokenKey(Endpoint endpoint, Challenge challenge, string? scope) =>
        $"{endpoint.Authority}|{challenge.Realm}|{challenge.Service}|{scope}|{endpoint.Settings?.Username}";

    private async Task<BearerToken> FetchTokenAsync(Endpoint endpoint, Challenge challenge, string? scope, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https"))
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"Registry {endpoint.Authority} sent an invalid token realm", HttpStatusCode.Unauthorized);
        }

        if (realm.Scheme == "http" && !endpoint.Insecure && !Endpoint.IsLoopback(realm.Host))
        {
            throw new RegistryException(RegistryErrorKind.InsecureRefused,
                $"Registry {endpoint.Authority} asks for a token over plain HTTP from {realm.Authority}; mark it Insecure to allow that");
        }

        var query = new StringBuilder();
        if (challenge.Service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service));
        }

        if (scope is not null)
        {
            foreach (var s in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(s));
            }
        }

        var url = new UriBuilder(realm) { Query = (realm.Query.TrimStart('?') + (realm.Query.Length > 1 && query.Length > 0 ? "&" : string.Empty) + query).TrimStart('&') }.Uri;
        var client = _sharedHandler is not null || string.Equals(realm.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase)
            ? ClientFor(endpoint)
            : _clients.GetOrAdd("token|" + realm.Authority + "|" + endpoint.Authority,
                _ => new HttpClient(_options.Proxy.CreateClientHandler(RootsFor(endpoint), endpoint.Insecure), true) { Timeout = Timeout.InfiniteTimeSpan });
        using var response = await Transport.SendAsync(
            client,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(_options.UserAgent);
                if (BasicValue(endpoint) is { } basic)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                }

                _options.Proxy.AddPreemptiveCredentials(request);

                return request;
            },
            _options.Retry,
            _options.RequestTimeout,
            realm.Authority,
            null,
            cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized,
                endpoint.Settings?.Username is null
                    ? $"The token service {realm.Authority} of registry {endpoint.Authority} refused anonymous access ({(int)response.StatusCode}): configure a Username and PasswordFile"
                    : $"The token service {realm.Authority} of registry {endpoint.Authority} refused the credentials of user {endpoint.Settings.Username} ({(int)response.StatusCode})",
                response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await Failures.FromResponseAsync(response, $"Token service {realm.Authority}", cancellationToken);
        }

        var bytes = await Failures.ReadLimitedAsync(response, MaxTokenBytes, cancellationToken)
            ?? throw new RegistryException(RegistryErrorKind.Unauthorized, $"The token service {realm.Authority} sent more than {MaxTokenBytes} bytes");
        return BearerToken.Parse(bytes, realm.Authority, _options.TimeProvider.GetUtcNow());
    }

    private static string? BasicValue(Endpoint endpoint)
    {
        var user = endpoint.Settings?.Username;
        if (user is null)
        {
            return null;
        }

        var password = endpoint.Settings!.ReadPassword() ?? string.Empty;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Registry {Authority} answered {Status}")]
    private partial void LogResponse(string authority, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying request to {Authority} (attempt {Attempt}) after {Reason}")]
    private partial void LogRetry(string authority, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mirror {Authority} failed ({Kind}); trying the next registry")]
    private partial void LogMirrorFailed(string authority, RegistryErrorKind kind);

    private sealed record BearerToken(string Value, DateTimeOffset ExpiresAt)
    {
        public static BearerToken Parse(byte[] body, string realm, DateTimeOffset now)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                string? value = null;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    value = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                        : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                }

                if (string.IsNullOrEmpty(value) || value.Any(c => c <= ' ' || c >= 0x7f))
                {
                    throw new RegistryException(RegistryErrorKind.Unauthorized, $"The token service {realm} returned no usable token");
                }

                var lifetime = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 60;
                // Renew a little early so a token never expires in flight.
                return new BearerToken(value, now.AddSeconds(Math.Max(5, lifetime - 10)));
            }
            catch (JsonException)
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized, $"The token service {realm} returned invalid JSON");
            }
        }
    }

    private sealed record Challenge(string Scheme, string? Realm, string? Service, string? Scope)
    {
        public static Challenge? Parse(HttpHeaderValueCollection<AuthenticationHeaderValue> values)
        {
            Challenge? basic = null;
            foreach (var value in values)
            {
                if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    var p = Parameters(value.Parameter ?? string.Empty);
                    if (p.TryGetValue("realm", out var realm))
                    {
                        return new Challenge("bearer", realm, p.GetValueOrDefault("service"), p.GetValueOrDefault("scope"));
                    }
                }
                else if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                {
                    basic = new Challenge("basic", null, null, null);
                }
            }

            return basic;
        }

        private static Dictionary<string, string> Parameters(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                {
                    i++;
                }

                var eq = text.IndexOf('=', i);
                if (eq < 0)
                {
                    break;
                }

                var name = text[i..eq].Trim();
                i = eq + 1;
                string value;
                if (i < text.Length && text[i] == '"')
                {
                    var sb = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        sb.Append(text[i]);
                        i++;
                    }

                    i++;
                    value = sb.ToString();
                }
                else
                {
                    var end = text.IndexOf(',', i);
                    end = end < 0 ? text.Length : end;
                    value = text[i..end].Trim();
                    i = end;
                }

                result[name] = value;
            }

            return result;
        }
    }

    private sealed record Endpoint(string Authority, string? Scheme, RegistryHostSettings? Settings, bool Insecure)
    {
        public bool AllowsPlainHttp => Insecure || IsLoopback(HostOf(Authority));

        public static Endpoint Upstream(string registry, RegistrySettings settings)
        {
            if (!ImageReference.TryNormalizeRegistry(registry, out var normalized))
            {
                throw new FormatException("Invalid registry host");
            }

            var host = normalized == ImageReference.DockerHub ? ImageReference.DockerHubEndpoint : normalized;
            var s = settings.Find(normalized) ?? settings.Find(host);
            return new Endpoint(host, null, s, s?.Insecure == true);
        }

        public static List<Endpoint> For(ImageReference image, RegistrySettings settings)
        {
            var upstream = Upstream(image.Registry, settings);
            var list = new List<Endpoint>(2);
            if (upstream.Settings?.Mirror is { } mirror)
            {
                string? scheme = null;
                var authority = mirror.Trim().TrimEnd('/');
                var sep = authority.IndexOf("://", StringComparison.Ordinal);
                if (sep >= 0)
                {
                    scheme = authority[..sep].ToLowerInvariant();
                    authority = authority[(sep + 3)..];
                    if (scheme is not ("http" or "https"))
                    {
                        throw new RegistryException(RegistryErrorKind.InsecureRefused, $"The mirror of {image.Registry} must be an http(s) URL or host[:port]");
                    }
                }

                if (authority.Contains('/', StringComparison.Ordinal) || !ImageReference.TryNormalizeRegistry(authority, out authority))
                {
                    throw new RegistryException(RegistryErrorKind.InsecureRefused, $"The mirror of {image.Registry} must be an http(s) URL or host[:port] without a path");
                }

                var mirrorSettings = settings.Find(authority);
                list.Add(new Endpoint(authority, scheme, mirrorSettings, mirrorSettings?.Insecure == true || upstream.Insecure));
            }

            list.Add(upstream);
            return list;
        }

        public static bool IsLoopback(string host)
        {
            host = host.Trim('[', ']');
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        }

        private static string HostOf(string authority)
        {
            if (authority.StartsWith('['))
            {
                return authority[..(authority.IndexOf(']', StringComparison.Ordinal) + 1)];
            }

            var colon = authority.LastIndexOf(':');
            return colon < 0 ? authority : authority[..colon];
        }
    }
}
