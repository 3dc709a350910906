using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Tests.Marathon;

public sealed class MarathonClientTests
{
    [Fact]
    public async Task CreateAppAsync_NothingListening_ThrowsServiceUnavailable()
    {
        using var provider = new FixedProvider(new Uri($"http://127.0.0.1:{ClosedPort()}/"));
        var client = new MarathonClient(provider, NullLogger<MarathonClient>.Instance);

        var error = await Assert.ThrowsAsync<CosmosException>(() => client.CreateAppAsync(new JsonObject { ["id"] = "/x" }, CancellationToken.None));

        Assert.Equal("ServiceUnavailable", error.Error.Type);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Error.Status);
    }

    [Fact]
    public async Task ListAppsAsync_NothingListening_ThrowsServiceUnavailable()
    {
        using var provider = new FixedProvider(new Uri($"http://127.0.0.1:{ClosedPort()}/"));
        var client = new MarathonClient(provider, NullLogger<MarathonClient>.Instance);

        var error = await Assert.ThrowsAsync<CosmosException>(() => client.ListAppsAsync(CancellationToken.None));

        Assert.Equal("ServiceUnavailable", error.Error.Type);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FixedProvider(Uri baseAddress) : IMarathonHttpClientProvider, IDisposable
    {
        private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

        public HttpClient GetClient() => _client;

        public void Dispose() => _client.Dispose();
    }
}
