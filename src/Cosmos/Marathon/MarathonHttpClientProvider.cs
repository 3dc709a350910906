using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Universe.Cosmos.Marathon;

/// <summary>
/// The default provider: <c>Cosmos:Marathon:Url</c> when set, else this process's own listening address plus
/// <c>/marathon/</c> (read from <see cref="IServerAddressesFeature"/> on first use, wildcard hosts mapped to loopback).
/// </summary>
public sealed class MarathonHttpClientProvider(IOptions<CosmosOptions> options, IServiceProvider services) : IMarathonHttpClientProvider, IDisposable
{
    /// <summary>Cosmos's limit on a Marathon response (cosmos-api.md §0: 40 MB).</summary>
    public const long MaxResponseBytes = 40L * 1024 * 1024;

    private readonly Lock _gate = new();
    private HttpClient? _client;

    public HttpClient GetClient()
    {
        if (_client is { } existing)
        {
            return existing;
        }

        lock (_gate)
        {
            return _client ??= Create();
        }
    }

    public void Dispose() => _client?.Dispose();

    /// <summary>The Marathon root for a listening address such as <c>http://0.0.0.0:7070</c>: <c>http://127.0.0.1:7070/marathon/</c>.</summary>
    public static Uri BundledBaseAddress(string listenAddress)
    {
        ArgumentNullException.ThrowIfNull(listenAddress);
        var normalized = listenAddress.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        var builder = new UriBuilder(normalized);
        if (builder.Host is "0.0.0.0" or "localhost")
        {
            builder.Host = "127.0.0.1";
        }
        else if (builder.Host is "[::]" or "::")
        {
            builder.Host = "[::1]";
        }

        builder.Path = builder.Path.TrimEnd('/') + "/marathon/";
        return builder.Uri;
    }

    private HttpClient Create()
    {
        var marathon = options.Value.Marathon;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.GZip,
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = string.IsNullOrWhiteSpace(marathon.Url) ? OwnAddress() : WithSlash(marathon.Url),
            Timeout = TimeSpan.FromSeconds(60),
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
        var token = BearerToken(options.Value);
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// The bearer token for Marathon: <c>Cosmos:Marathon:Token</c> for an external Marathon; for the bundled Runtime,
    /// Cosmos's own <c>Cosmos:Auth:Token</c> (its Marathon API under <c>/marathon</c> requires it for changes).
    /// </summary>
    public static string? BearerToken(CosmosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Marathon.Url) ? options.Auth.Token : options.Marathon.Token;
    }

    private Uri OwnAddress()
    {
        var server = services.GetService(typeof(IServer)) as IServer;
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The bundled Runtime is hosted in-process, but the server has no listening address yet.");
        return BundledBaseAddress(address);
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
