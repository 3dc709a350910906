using Microsoft.AspNetCore.TestHost;
using Universe.Cosmos.Marathon;

namespace Universe.Cli.Tests.Integration;

/// <summary>Routes Cosmos's Marathon client to the bundled Runtime of the same in-memory test server.</summary>
internal sealed class TestServerMarathonProvider(Func<TestServer> server) : IMarathonHttpClientProvider, IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() =>
        new HttpClient(server().CreateHandler()) { BaseAddress = new Uri("http://localhost/marathon/") });

    public HttpClient GetClient() => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
