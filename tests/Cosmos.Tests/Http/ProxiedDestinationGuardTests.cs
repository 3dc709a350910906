using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Repositories;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Http;

/// <summary>
/// With an HTTP proxy configured, the forgery guard still checks the destination (the connect-time guard only ever
/// sees the proxy): a blocked target is refused before the proxy is asked, an allowed one goes through the proxy.
/// </summary>
public sealed class ProxiedDestinationGuardTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254: blocked network 169.254.0.0/16")]
    [InlineData("http://10.1.2.3/repo.json", "10.1.2.3: blocked network 10.0.0.0/8")]
    [InlineData("http://[fe80::1]/repo.json", "blocked network fe80::/10")]
    public async Task AddRepository_BlockedTargetThroughProxy_IsRefusedAndNeverReachesTheProxy(string uri, string expected)
    {
        var seen = new List<string>();
        await using var proxy = await StartProxyAsync(seen);
        var host = await StartHostAsync(proxy);
        try
        {
            var e = await Assert.ThrowsAsync<CosmosException>(
                () => host.Registry.AddAsync(new RepositoryAddRequest("Blocked", uri), CancellationToken.None));

            var error = Assert.IsType<RepositoryUriConnection>(e.Error);
            Assert.Contains(expected, error.Cause, StringComparison.Ordinal);
            lock (seen)
            {
                Assert.Empty(seen);
            }
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task AddRepository_AllowedTargetThroughProxy_IsFetchedByTheProxy()
    {
        var seen = new List<string>();
        await using var proxy = await StartProxyAsync(seen);
        var host = await StartHostAsync(proxy);
        try
        {
            await host.Registry.AddAsync(new RepositoryAddRequest("Allowed", "http://192.0.2.10/repo.json"), CancellationToken.None);

            lock (seen)
            {
                Assert.Equal(["http://192.0.2.10/repo.json"], seen);
            }
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    /// <summary>A forward proxy stand-in: records the absolute-form target and answers an empty repository index.</summary>
    private static Task<LoopbackServer> StartProxyAsync(List<string> seen) => LoopbackServer.StartAsync(app => app.Run(async context =>
    {
        lock (seen)
        {
            seen.Add(context.Request.Scheme + "://" + context.Request.Host + context.Request.Path);
        }

        context.Response.ContentType = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4";
        await context.Response.WriteAsync("{\"packages\":[]}");
    }));

    private static Task<RepositoryTestHost> StartHostAsync(LoopbackServer proxy) => RepositoryTestHost.StartAsync(new()
    {
        ["Cosmos:Proxy:Url"] = proxy.BaseAddress.ToString(),
        ["Cosmos:Fetch:BlockedNetworks:0"] = "10.0.0.0/8",
    });
}
