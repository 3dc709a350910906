using Microsoft.AspNetCore.TestHost;
using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Tests.Services;

/// <summary>Routes the Marathon client to the bundled Runtime (<c>/marathon/</c>) of an in-memory test server: the same HTTP code path, no socket.</summary>
internal sealed class TestServerMarathon(Func<TestServer> server) : IMarathonHttpClientProvider, IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() => new HttpClient(server().CreateHandler())
    {
        BaseAddress = new Uri("http://localhost/marathon/"),
        Timeout = TimeSpan.FromSeconds(30),
    });

    public HttpClient GetClient() => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
