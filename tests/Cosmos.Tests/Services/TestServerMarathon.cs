using Microsoft.AspNetCore.TestHost;
using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Tests.Services;

/// <summary>Routes the Marathon client to the bundled Runtime (<c>/marathon/</c>) of an in-memory test server: the same HTTP code path, no socket.</summary>
internal sealed class TestServerMarathon(Func<TestServer> server, string? token = null) : IMarathonHttpClientProvider, IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() =>
    {
        var client = new HttpClient(server().CreateHandler())
        {
            BaseAddress = new Uri("http://localhost/marathon/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
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
