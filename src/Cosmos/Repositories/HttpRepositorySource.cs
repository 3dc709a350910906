using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// An http(s) repo index. Sends Cosmos's Accept, <c>Accept-Encoding: gzip</c> and the conditional headers of the
/// previous fetch (a 304 keeps the cache); follows at most <see cref="MaxRedirects"/> redirects, to http(s) only;
/// gives up after <see cref="Timeout"/> and refuses bodies over <see cref="MaxBytes"/>.
/// </summary>
internal sealed class HttpRepositorySource(PackageRepository repository, Uri uri, HttpClient client) : IRepositorySource
{
    public const string ClientName = "Universe.Cosmos.Repositories";
    public const int MaxRedirects = 5;
    public const long MaxBytes = 256L * 1024 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] SupportedSchemes = ["http", "https"];
    private static readonly string[] SupportedEncodings = ["gzip"];

    public async Task<RepositoryFetchResult> FetchAsync(string? validator, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await FetchCoreAsync(validator, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, $"Timed out after {Timeout.TotalSeconds} seconds"));
        }
        catch (HttpRequestException e)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, e.InnerException?.Message ?? e.Message));
        }
        catch (IOException e)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, e.Message));
        }
    }

    private async Task<RepositoryFetchResult> FetchCoreAsync(string? validator, CancellationToken cancellationToken)
    {
        var target = uri;
        for (var hop = 0; ; hop++)
        {
            using var request = CreateRequest(target, validator);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified && validator is not null)
            {
                return RepositoryFetchResult.Unchanged(validator);
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (next.Scheme is not ("http" or "https") || hop >= MaxRedirects)
                {
                    throw new CosmosException(new UnsupportedRedirect(SupportedSchemes, next.Scheme));
                }

                target = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CosmosException(new UniverseClientHttpError(repository, "GET", (int)response.StatusCode, 400));
            }

            return await ReadAsync(response, cancellationToken);
        }
    }

    private static HttpRequestMessage CreateRequest(Uri target, string? validator)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.TryAddWithoutValidation("Accept", RepoMediaTypes.Accept);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        request.Headers.TryAddWithoutValidation("User-Agent", "cosmos/universe dcos/2.0");
        var (etag, lastModified) = HttpValidator.Split(validator);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (lastModified is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        return request;
    }

    private async Task<RepositoryFetchResult> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var raw) ? raw.ToString() : null;
        if (!RepoMediaTypes.TryGetVersion(contentType, out _))
        {
            throw new CosmosException(new UnsupportedContentType(RepoMediaTypes.Supported, contentType));
        }

        var encoding = response.Content.Headers.ContentEncoding;
        var gzip = encoding.Count == 1 && encoding.First().Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (encoding.Count > 0 && !gzip && !(encoding.Count == 1 && encoding.First().Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CosmosException(new UnsupportedContentEncoding(SupportedEncodings, string.Join(", ", encoding)));
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, $"The repository is larger than {MaxBytes} bytes"));
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        Stream limited = new LimitedReadStream(body, MaxBytes);
        if (gzip)
        {
            limited = new LimitedReadStream(new GZipStream(limited, CompressionMode.Decompress), MaxBytes);
        }

        await using (limited)
        {
            try
            {
                var packages = await RepoIndexReader.ReadAsync(limited, cancellationToken);
                return new RepositoryFetchResult(packages, HttpValidator.Join(response.Headers.ETag, response.Content.Headers.LastModified));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
            {
                throw new CosmosException(new RepositoryUriConnection(repository, $"Not a repository index: {e.Message}"));
            }
        }
    }

    /// <summary>Packs ETag and Last-Modified into one validator string (and back).</summary>
    private static class HttpValidator
    {
        public static string? Join(EntityTagHeaderValue? etag, DateTimeOffset? lastModified) =>
            etag is null && lastModified is null ? null : $"{etag}\n{lastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

        public static (string? ETag, string? LastModified) Split(string? validator)
        {
            if (validator is null)
            {
                return (null, null);
            }

            var parts = validator.Split('\n');
            return (parts[0].Length == 0 ? null : parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
        }
    }
}
